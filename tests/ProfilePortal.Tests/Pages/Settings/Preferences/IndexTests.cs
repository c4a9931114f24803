using System.Net;
using ProfilePortal.Tests.Features.Localization;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.Preferences;

namespace ProfilePortal.Tests.Pages.Settings.Preferences;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Preferences";
    private static readonly string[] CardSwitches = ["ShowTitle", "ShowDepartment", "ShowBio", "ShowLocalTime"];

    [Fact]
    public async Task Get_NewAccount_BrowserLanguageDeviceAppearanceAndTheWholeCard()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var page = await client.GetPageAsync(Url);

        Assert.Equal("", page.Document.QuerySelector("#Input_Language option[selected]")?.GetAttribute("value") ?? "");
        Assert.Equal(LocalizationSetup.SupportedCultures.Count + 1, page.Document.QuerySelectorAll("#Input_Language option").Length);
        Assert.Equal("System", page.Document.QuerySelector("input[name='Input.Appearance'][checked]")!.GetAttribute("value"));
        Assert.All(CardSwitches,
            name => Assert.True(page.Document.QuerySelector($"#Input_{name}")!.HasAttribute("checked")));
        Assert.Equal("page", page.Document.QuerySelector("main nav a[href='/Settings/Preferences']")!.GetAttribute("aria-current"));
        Assert.Equal("system", page.Document.DocumentElement.GetAttribute("data-appearance"));
        Assert.Equal("light", page.Document.DocumentElement.GetAttribute("data-bs-theme"));
    }

    [Fact]
    public async Task Post_Valid_SavesOnTheAccountAndAppliesAtOnceWithTheMessageInTheNewLanguage()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url, new Dictionary<string, string>
        {
            ["Input.Language"] = "de",
            ["Input.Appearance"] = "Dark",
            ["Input.ShowBio"] = "false",
            ["Input.ShowLocalTime"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        var german = TranslationFilesTests.Read("de");
        Assert.Equal(german["Your preferences have been saved."], page.StatusMessage);
        Assert.Equal("de", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("dark", page.Document.DocumentElement.GetAttribute("data-bs-theme"));
        Assert.Equal("de", page.Document.QuerySelector("#Input_Language option[selected]")!.GetAttribute("value"));
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal("de", saved.PreferredLanguage);
        Assert.Equal(Appearance.Dark, saved.Appearance);
        Assert.Equal(PeopleCardFields.Bio | PeopleCardFields.LocalTime, saved.HiddenPeopleCardFields);
        // The browser keeps the choice for the sign-in page after signing out.
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(PortalLanguages.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_BrowserLanguage_ForgetsTheAccountsChoice()
    {
        var user = await factory.CreateUserAsync(u => u.PreferredLanguage = "it");
        var client = await factory.SignedInClientAsync(user);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("tr");

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Input.Language"] = "" }));

        Assert.Null((await factory.LoadUserAsync(user.Id)).PreferredLanguage);
        Assert.Equal("tr", page.Document.DocumentElement.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("Input.Language", "xx", "Choose one of the listed languages.")]
    [InlineData("Input.Language", "en-GB", "Choose one of the listed languages.")]
    [InlineData("Input.Appearance", "Purple", "Choose light, dark, or the same as your device.")]
    [InlineData("Input.Appearance", "1", "Choose light, dark, or the same as your device.")]
    [InlineData("Input.Appearance", "", "Choose light, dark, or the same as your device.")]
    public async Task Post_Invalid_MessageUnderTheFieldAndNothingChanges(string field, string value, string message)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var form = await client.GetPageAsync(Url);

        var response = await client.PostFormAsync(form.MainForm(), new Dictionary<string, string>
        {
            ["Input.Language"] = "fr",
            ["Input.ShowTitle"] = "false",
            [field] = value,
        }, Url);

        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError(field));
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Null(saved.PreferredLanguage);
        Assert.Equal(PeopleCardFields.None, saved.HiddenPeopleCardFields);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var response = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Language"] = "de", ["Input.Appearance"] = "Light" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
