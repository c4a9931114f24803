using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;
using static ProfilePortal.Web.Features.Avatars.AvatarCharacterCatalogue;

namespace ProfilePortal.Tests.Pages.Settings.Avatar;

public class CreateTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Avatar/Create";

    /// <summary>Every field differs from its default, so a page that ignored the stored document would fail.</summary>
    private const string StoredDocument =
        """{"version":1,"body":{"height":112,"build":"broad"},"skin":{"tone":"umber"},"face":{"eyes":"almond","eyeColor":"green","brows":"thick","mouth":"grin"},"hair":{"style":"bun","color":"auburn"},"outfit":{"top":"hoodie","topColor":"teal","bottom":"skirt","bottomColor":"khaki","shoes":"boots","shoesColor":"black"},"accessories":{"glasses":"round","headwear":"beanie","headwearColor":"yellow"}}""";

    [Fact]
    public async Task Get_SignedInWithoutCharacter_RendersEveryChoiceWithTheDefaultChecked()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.Equal("Create an avatar", page.Text("h1"));
        AssertChecked(page, AvatarCharacterDocument.Default);
        // One fieldset with a legend per group, and per choice field (a radio group needs its own name).
        var legends = page.Document.QuerySelectorAll("form[data-avatar-creator] legend").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("Body", legends);
        Assert.Contains("Accessories", legends);
        Assert.Contains(legends, l => l.StartsWith("Hair colour", StringComparison.Ordinal));
        Assert.Equal("100%", page.Text("output[for='avatar-body-height']"));
        // Each option has a label (for colours, its name, shown to screen readers; the swatch is painted by the script).
        Assert.Equal("Navy", page.Text("label[for='avatar-outfit-topColor-navy']"));
        Assert.Equal("Buzz cut", page.Text("label[for='avatar-hair-style-buzz']"));
        // "Set as avatar" posts to the avatar page with its antiforgery token; Reset goes back to the default.
        var form = page.Document.QuerySelector("form[data-avatar-creator]")!;
        Assert.Equal(("post", "/Settings/Avatar", "multipart/form-data"), (form.GetAttribute("method"), form.GetAttribute("action"), form.GetAttribute("enctype")));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.Equal(AvatarCharacterDocument.Default.ToJson(), form.GetAttribute("data-stored"));
        // Without JavaScript (or WebGL) the page says why and links to the photo upload.
        var unavailable = page.Document.QuerySelector("[data-creator-unavailable]")!;
        Assert.Contains("The avatar creator needs JavaScript and WebGL. You can upload a photo instead.", unavailable.TextContent);
        Assert.Equal("/Settings/Avatar", unavailable.QuerySelector("a")!.GetAttribute("href"));
        Assert.True(form.HasAttribute("hidden"));
    }

    [Fact]
    public async Task Get_Catalogue_IsGivenToTheScriptAsCamelCaseJsonWithLabelsAndColours()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        using var json = JsonDocument.Parse(page.Document.QuerySelector("form[data-avatar-creator]")!.GetAttribute("data-catalogue")!);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(Groups.Select(g => g.Key), groups.Select(g => g.GetProperty("key").GetString()));
        var height = groups[0].GetProperty("fields")[0];
        Assert.Equal(("height", "Height", "Range", "100", 85, 115), (height.GetProperty("key").GetString(), height.GetProperty("label").GetString(),
            height.GetProperty("kind").GetString(), height.GetProperty("default").GetString(), height.GetProperty("min").GetInt32(), height.GetProperty("max").GetInt32()));
        var tone = groups.Single(g => g.GetProperty("key").GetString() == "skin").GetProperty("fields")[0];
        Assert.Equal("Colour", tone.GetProperty("kind").GetString());
        var sand = tone.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("key").GetString() == "sand");
        Assert.Equal(("Sand", "#e0ac85"), (sand.GetProperty("label").GetString(), sand.GetProperty("hex").GetString()));
    }

    [Fact]
    public async Task Get_WithStoredCharacter_ChecksItsValuesAndSaysEdit()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await StoreCharacterAsync(user.Id, StoredDocument);

        var page = await client.GetPageAsync(Url);

        Assert.Equal("Edit my character", page.Text("h1"));
        var stored = AvatarCharacterDocument.Parse(StoredDocument).Document!;
        AssertChecked(page, stored);
        Assert.Equal("112%", page.Text("output[for='avatar-body-height']"));
        Assert.Equal("Teal", page.Text("[data-field='outfit.topColor'] [data-chosen-name]"));
        Assert.Equal(stored.ToJson(), page.Document.QuerySelector("form[data-avatar-creator]")!.GetAttribute("data-stored"));
    }

    [Fact]
    public async Task AvatarPage_LinksToTheCreator_EditOnceACharacterIsStored()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var before = await client.GetPageAsync("/Settings/Avatar");
        await StoreCharacterAsync(user.Id, StoredDocument);
        var after = await client.GetPageAsync("/Settings/Avatar");

        Assert.Equal(("Create an avatar", Url), LinkOf(before));
        Assert.Equal(("Edit my character", Url), LinkOf(after));
        // The profile menu offers the creator beside its avatar link on every page.
        Assert.Equal(Url, after.Document.QuerySelector("[data-testid='menu-create-avatar']")!.GetAttribute("href"));

        static (string, string?) LinkOf(HtmlPage page)
        {
            var link = page.Document.QuerySelector("[data-testid='avatar-creator-link']")!;
            return (link.TextContent.Trim(), link.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Get_SettingsMenu_MarksTheAvatarArea()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        var active = Assert.Single(page.Document.QuerySelectorAll("nav .nav-link.active"));
        Assert.Equal(("Avatar", "true"), (active.TextContent.Trim(), active.GetAttribute("aria-current")));
    }

    [Fact]
    public async Task Get_HasNoInlineScriptStyleOrEventHandler()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "inline script"));
        Assert.Contains(page.Document.QuerySelectorAll("script[type='module']"), s => s.GetAttribute("src")!.StartsWith("/js/avatar-creator.js?v=", StringComparison.Ordinal));
        Assert.Empty(page.Document.QuerySelectorAll("[style], style"));
        Assert.DoesNotContain(page.Document.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var response = await factory.CreateBrowserClient().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static void AssertChecked(HtmlPage page, AvatarCharacterDocument expected)
    {
        foreach (var group in Groups)
        {
            foreach (var field in group.Fields)
            {
                var name = AvatarCharacterDocument.PathOf(group, field);
                var value = expected.Value(group.Key, field.Key);
                if (field.Kind == FieldKind.Range)
                {
                    Assert.Equal(value, page.Document.QuerySelector($"input[type='range'][name='{name}']")!.GetAttribute("value"));
                    continue;
                }

                var radios = page.Document.QuerySelectorAll($"input[type='radio'][name='{name}']");
                Assert.Equal(field.Options.Select(o => o.Key), radios.Select(r => r.GetAttribute("value")));
                Assert.Equal([value], radios.Where(r => r.HasAttribute("checked")).Select(r => r.GetAttribute("value")));
            }
        }
    }

    private Task StoreCharacterAsync(Guid userId, string document) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.AvatarCharacters.Add(new AvatarCharacter { UserId = userId, Document = document, UpdatedAt = factory.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    });
}
