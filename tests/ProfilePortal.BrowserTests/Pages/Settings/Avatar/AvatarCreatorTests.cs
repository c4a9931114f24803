using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NetVips;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Avatar;

/// <summary>
/// The avatar creator in the real browser: headless Chromium draws WebGL 2 through SwiftShader, so the character,
/// its rendered portrait and the upload are the real ones.
/// </summary>
public sealed class AvatarCreatorTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task KeyboardOnly_BuildSetReopenChangeAndSaveAgain_StoresTheCharacterAndItsPortrait()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var csp = CspViolations(session.Page);
        var creator = await AvatarCreatorPage.OpenAsync(session.Page);
        await Expect(creator.Unavailable).ToBeHiddenAsync();

        // Tab to each control, arrow keys inside it: a range moves by one, a radio group to its next option.
        await creator.TabToAsync(creator.Height);
        for (var i = 0; i < 5; i++) await session.Page.Keyboard.PressAsync("ArrowRight");
        await PickNextAsync(creator, "Build", "Average");
        await PickNextAsync(creator, "Skin tone", "Sand");
        await PickNextAsync(creator, "Hair style", "Short", times: 2);
        await PickNextAsync(creator, "Hair colour", "Brown");
        await PickNextAsync(creator, "Glasses", "None");
        await Expect(creator.HeightOutput).ToHaveTextAsync("105%");

        await creator.TabToAsync(creator.NextButton);
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(creator.PreviewHeading).ToBeFocusedAsync();
        Assert.Equal(512, await creator.PreviewImage.EvaluateAsync<int>("image => image.decode().then(() => image.naturalWidth)"));
        await creator.TabToAsync(creator.SetAsAvatarButton);
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(creator.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        await Expect(session.Page).ToHaveURLAsync(new Uri(browser.Portal.BaseAddress, AvatarPage.Path).ToString());
        var first = await StoredDocumentAsync(user.Id);
        Assert.Equal((105, "broad", "honey", "long", "auburn", "round"), (first.GetProperty("body").GetProperty("height").GetInt32(),
            Text(first, "body", "build"), Text(first, "skin", "tone"), Text(first, "hair", "style"), Text(first, "hair", "color"), Text(first, "accessories", "glasses")));
        await AssertStoredPortraitAsync(creator, user.Id);

        // Reopen from the avatar page: the same choices are checked; change the mouth and save again.
        await session.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Edit my character" }).ClickAsync();
        await creator.FirstFrameMillisecondsAsync();
        await Expect(creator.Height).ToHaveValueAsync("105");
        foreach (var (legend, value) in new[] { ("Build", "broad"), ("Skin tone", "honey"), ("Hair style", "long"), ("Hair colour", "auburn"), ("Glasses", "round") })
            await Expect(creator.CheckedOption(legend)).ToHaveValueAsync(value);
        await PickNextAsync(creator, "Mouth", "Smile");
        await creator.TabToAsync(creator.NextButton);
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(creator.PreviewHeading).ToBeFocusedAsync();
        await creator.TabToAsync(creator.SetAsAvatarButton);
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(creator.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        var second = await StoredDocumentAsync(user.Id);
        Assert.Equal("neutral", Text(second, "face", "mouth"));
        Assert.Equal("auburn", Text(second, "hair", "color"));
        Assert.Empty(csp);
    }

    [Fact]
    public async Task ArrowKeysOnTheStage_TurnTheCharacter_ThePixelsChange()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var creator = await AvatarCreatorPage.OpenAsync(session.Page);
        await creator.TabToAsync(creator.Stage);
        var before = await creator.StageScreenshotAsync();

        for (var i = 0; i < 4; i++) await session.Page.Keyboard.PressAsync("ArrowLeft");

        // Both screenshots with the focus ring: only the turn differs.
        Assert.NotEqual(before, await creator.StageScreenshotAsync());
        // Turning back by the same steps gives the same view again.
        for (var i = 0; i < 4; i++) await session.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(before, await creator.StageScreenshotAsync());
    }

    [Fact]
    public async Task NextThenBack_FocusReturnsToNext_AndResetRestoresTheStoredChoices()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var creator = await AvatarCreatorPage.OpenAsync(session.Page);

        var announcement = creator.Announcement;
        await Expect(announcement).ToHaveAttributeAsync("role", "status");
        await Expect(announcement).ToBeEmptyAsync();
        await creator.RandomizeButton.ClickAsync();
        await Expect(announcement).ToHaveTextAsync("A random character is shown, and the choices below match it.");
        await creator.OptionLabel("Hair style", "Bun").ClickAsync();
        await Expect(creator.CheckedOption("Hair style")).ToHaveValueAsync("bun");
        await creator.ResetButton.ClickAsync();
        await Expect(announcement).ToHaveTextAsync("The character is back to the choices you started with.");
        await Expect(creator.CheckedOption("Hair style")).ToHaveValueAsync("short");
        await Expect(creator.Height).ToHaveValueAsync("100");
        await creator.NextButton.ClickAsync();
        await Expect(creator.PreviewHeading).ToBeFocusedAsync();
        await creator.BackButton.ClickAsync();

        await Expect(creator.NextButton).ToBeFocusedAsync();
        await Expect(creator.PreviewHeading).ToBeHiddenAsync();
    }

    [Fact]
    public async Task CreatorAndPreview_HaveNoAxeViolationsOrCspReports()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var csp = CspViolations(session.Page);
        var creator = await AvatarCreatorPage.OpenAsync(session.Page);

        await session.Page.AssertNoAxeViolationsAsync();
        await creator.NextButton.ClickAsync();
        await Expect(creator.PreviewImage).ToBeVisibleAsync();
        await session.Page.AssertNoAxeViolationsAsync();
        Assert.Empty(csp);
    }

    [Fact]
    public async Task Hebrew_RightToLeft_HasNoAxeViolationsAndTheStageComesFirst()
    {
        var user = await browser.CreateUserAsync(u => u.PreferredLanguage = "he");
        await using var session = await browser.SignedInAsync(user);
        await AvatarCreatorPage.OpenAsync(session.Page);
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(session.Page.Locator("canvas[data-stage]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("[\u0590-\u05FF]"));

        // The stage is on the start side: the right in Hebrew. (Its accessible name is Hebrew here, so it is found by
        // its role and its place in the form rather than by the English name.)
        var stage = (await session.Page.Locator("canvas[data-stage][role='img']").BoundingBoxAsync())!;
        var controls = (await session.Page.Locator(".avatar-creator-controls").BoundingBoxAsync())!;
        Assert.True(stage.X > controls.X, "In right-to-left the stage sits right of the choices.");
        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task PhoneWidth_NoHorizontalScroll_ControlsBelowTheStage()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await session.Page.SetViewportSizeAsync(375, 800);
        var creator = await AvatarCreatorPage.OpenAsync(session.Page);

        Assert.True(await session.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "The page scrolls sideways at 375 px.");
        var stage = (await creator.Stage.BoundingBoxAsync())!;
        var controls = (await session.Page.Locator(".avatar-creator-controls").BoundingBoxAsync())!;
        Assert.True(controls.Y >= stage.Y + stage.Height, "At phone width the choices follow the stage.");
        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_SaysWhyAndLinksToThePhotoUpload()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInWithoutJavaScriptAsync(user);
        await session.Page.GotoAsync(AvatarCreatorPage.Path);
        var creator = new AvatarCreatorPage(session.Page);

        await Expect(creator.Unavailable).ToContainTextAsync("The avatar creator needs JavaScript and WebGL. You can upload a photo instead.");
        await Expect(creator.NextButton).ToBeHiddenAsync();
        await creator.Unavailable.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Upload a photo" }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new Uri(browser.Portal.BaseAddress, AvatarPage.Path).ToString());
    }

    [Fact]
    public async Task WithoutWebGl2_HidesTheCreatorAndSaysTheBrowserCannotDraw3D()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        // As a browser with WebGL off: no WebGL 2 context for any canvas.
        await session.Page.AddInitScriptAsync("""
            const getContext = HTMLCanvasElement.prototype.getContext;
            HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
                return type === "webgl2" ? null : getContext.call(this, type, ...rest);
            };
            """);
        await session.Page.GotoAsync(AvatarCreatorPage.Path);
        var creator = new AvatarCreatorPage(session.Page);

        await Expect(creator.Unavailable).ToContainTextAsync("Your browser cannot show 3D graphics (WebGL is off or not supported). You can upload a photo instead.");
        await Expect(creator.Unavailable.GetByText("The avatar creator needs JavaScript and WebGL.")).ToBeHiddenAsync();
        await Expect(creator.NextButton).ToBeHiddenAsync();
        await Expect(creator.Height).ToBeHiddenAsync();
        await creator.Unavailable.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Upload a photo" }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new Uri(browser.Portal.BaseAddress, AvatarPage.Path).ToString());
    }

    /// <summary>Focuses the field's checked radio with Tab and moves to the next option with ArrowRight.</summary>
    private static async Task PickNextAsync(AvatarCreatorPage creator, string legend, string current, int times = 1)
    {
        await creator.TabToAsync(creator.Option(legend, current));
        for (var i = 0; i < times; i++) await creator.Page.Keyboard.PressAsync("ArrowRight");
    }

    /// <summary>The stored 512 px avatar is a WebP rendered from the character: not the initials (an SVG) and not one flat colour.</summary>
    private async Task AssertStoredPortraitAsync(AvatarCreatorPage creator, Guid userId)
    {
        var (contentType, body) = await creator.FetchAsync($"/avatars/{userId}/512");
        Assert.Equal("image/webp", contentType);
        using var image = Image.NewFromBuffer(body);
        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.True(image.Deviate() > 10, $"The stored portrait is nearly one colour (standard deviation {image.Deviate():0.0}).");
    }

    private Task<JsonElement> StoredDocumentAsync(Guid userId) => browser.Portal.InScopeAsync(async sp =>
    {
        var json = await sp.GetRequiredService<AppDbContext>().AvatarCharacters.Where(c => c.UserId == userId).Select(c => c.Document).SingleAsync();
        return JsonDocument.Parse(json).RootElement.Clone();
    });

    private static string? Text(JsonElement document, string group, string field) => document.GetProperty(group).GetProperty(field).GetString();

    /// <summary>Console messages Chromium writes when the Content-Security-Policy blocks something.</summary>
    private static List<string> CspViolations(IPage page)
    {
        var messages = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) messages.Add(message.Text);
        };
        return messages;
    }
}
