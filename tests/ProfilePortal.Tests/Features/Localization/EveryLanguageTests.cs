using System.Text.RegularExpressions;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.Settings;

namespace ProfilePortal.Tests.Features.Localization;

/// <summary>For each of the eighteen languages, a signed-in page is in that language, in its direction, all through.</summary>
public partial class EveryLanguageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string[] RightToLeft = ["ar", "he"];

    // Languages not written in Latin script: a Latin word in their menu is English left behind ("API" aside).
    private static readonly string[] NonLatin = ["ar", "he", "my", "th", "zh-Hant", "zh-Hans", "ja", "ko", "ru"];

    public static TheoryData<string> Cultures() => new(LocalizationSetup.SupportedCultures);

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task ProfilePage_InTheChosenLanguage_WithItsDirectionAndATranslatedMenu(string culture)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.PreferredLanguage = culture));

        var page = await client.GetPageAsync("/Settings/Profile");

        var html = page.Document.DocumentElement;
        Assert.Equal(culture, html.GetAttribute("lang"));
        Assert.Equal(RightToLeft.Contains(culture) ? "rtl" : "ltr", html.GetAttribute("dir"));
        var texts = culture == "en" ? TranslationFilesTests.Read(null) : TranslationFilesTests.Read(culture);
        var menu = page.Document.QuerySelectorAll("nav[aria-label] .nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(SettingsNavigation.Items.Select(i => texts[i.Label]), menu);
        Assert.Equal(texts["Public profile"], page.Text("h1"));
        Assert.StartsWith(texts["Profile"] + " · ", page.Document.Title, StringComparison.Ordinal);
        if (NonLatin.Contains(culture))
        {
            var leftovers = menu.Concat([page.Text("h1"), page.Text("main form button[type=submit]")])
                .Where(text => LatinWord().Matches(text).Any(m => m.Value != "API")).ToList();
            Assert.True(leftovers.Count == 0, "English left in: " + string.Join(" | ", leftovers));
        }
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task SignInPage_ThroughTheSwitcher_InTheChosenLanguage(string culture)
    {
        var client = factory.CreateBrowserClient();
        var language = await client.GetPageAsync("/Account/Language");

        var page = await client.FollowAsync(await client.PostWithTokenAsync(language, "/Account/Language", new Dictionary<string, string> { ["Input.Culture"] = culture }));

        Assert.Equal(culture, page.Document.DocumentElement.GetAttribute("lang"));
        var texts = culture == "en" ? TranslationFilesTests.Read(null) : TranslationFilesTests.Read(culture);
        Assert.Equal(texts["Sign in to ProfilePortal"], page.Text("h1"));
        Assert.Equal(culture, page.Document.QuerySelector("#footer-language option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task NonLatinText_IsWrittenAsItIs_NotAsCharacterReferences()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.PreferredLanguage = "ja"));

        var response = await client.GetAsync("/Settings/Profile");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains(TranslationFilesTests.Read("ja")["Public profile"], html, StringComparison.Ordinal);
        Assert.DoesNotMatch(CharacterReference(), html);
    }

    [GeneratedRegex("&#x[0-9A-F]{3,};")]
    private static partial Regex CharacterReference();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex LatinWord();
}
