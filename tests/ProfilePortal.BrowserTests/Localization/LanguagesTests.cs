using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.BrowserTests.Pages.Settings.Avatar;
using ProfilePortal.BrowserTests.Screenshots;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Localization;

/// <summary>
/// The languages whose script or direction differs most from English, in the real browser: the profile and security
/// pages are drawn right to left where they should be, with a font that has the script's glyphs, pass axe, and are
/// captured for review (.test-results/screenshots/{culture}-*.png).
/// </summary>
public sealed class LanguagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string> Scripts() => new()
    {
        { "ar", "Noto Sans Arabic" },
        { "he", "Noto Sans Hebrew" },
        { "ja", "Noto Sans CJK JP" },
        { "my", "Noto Sans Myanmar" },
        { "th", "Noto Sans Thai" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ProfileAndSecurityPages_InTheLanguage_RightDirectionGlyphsAndNoAxeViolations(string culture, string scriptFont)
    {
        var user = await browser.CreateUserAsync(u => u.PreferredLanguage = culture);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        var rtl = culture is "ar" or "he";

        foreach (var path in new[] { ProfilePage.Path, SecurityPage.Path })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", rtl ? "rtl" : "ltr");

            // The settings menu sits on the start side: the right in Arabic and Hebrew.
            var menu = (await page.Locator("nav.col-md-3").BoundingBoxAsync())!;
            var content = (await page.Locator("nav.col-md-3 + div").BoundingBoxAsync())!;
            Assert.Equal(rtl, menu.X > content.X);

            var fonts = await PlatformFontsAsync(page, "main h1");
            Assert.True(fonts.Contains(scriptFont) || (rtl && fonts.Count > 0 && !fonts.Contains("Last Resort")),
                $"{culture} {path}: the heading is drawn with {string.Join(", ", fonts)}, not {scriptFont}.");

            await page.AssertNoAxeViolationsAsync();
            ScreenshotTests.AssertPng(await ScreenshotTests.SaveAsync(page, $"{culture}-{path.Split('/')[^1].ToLowerInvariant()}.png"));
        }
    }

    [Fact]
    public async Task AvatarCrop_RightToLeft_HandleOnTheLowerLeftGrowsLeftwardAndTheCropIsUsed()
    {
        var user = await browser.CreateUserAsync(u => u.PreferredLanguage = "he");
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        await session.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "photo.png", MimeType = "image/png", Buffer = AvatarJourneyTests.RedBluePng });
        await Expect(avatar.CropBox).ToBeVisibleAsync();
        await Expect(avatar.CropX).ToHaveValueAsync("100");
        await Expect(avatar.CropSize).ToHaveValueAsync("200");

        var box = (await avatar.CropBox.BoundingBoxAsync())!;
        var handle = (await avatar.CropBox.Locator(".crop-handle").BoundingBoxAsync())!;
        Assert.True(handle.X < box.X + box.Width / 2, "In right-to-left the resize handle sits on the lower left corner.");

        // Shrink with Shift+ArrowRight, then grow back with Shift+ArrowLeft: the right edge (x + size) stays put.
        await avatar.CropBox.FocusAsync();
        for (var i = 0; i < 5; i++) await avatar.CropBox.PressAsync("Shift+ArrowRight");
        var (x, size) = (await IntAsync(avatar.CropX), await IntAsync(avatar.CropSize));
        Assert.True(size < 200, $"Shift+ArrowRight should shrink the square in right-to-left, size is {size}.");
        Assert.Equal(300, x + size);
        await avatar.CropBox.PressAsync("Shift+ArrowLeft");
        Assert.True(await IntAsync(avatar.CropSize) > size);
        Assert.Equal(300, await IntAsync(avatar.CropX) + await IntAsync(avatar.CropSize));

        // Dragging the handle leftwards grows the square to the left too.
        var before = await IntAsync(avatar.CropSize);
        handle = (await avatar.CropBox.Locator(".crop-handle").BoundingBoxAsync())!;
        await session.Page.Mouse.MoveAsync(handle.X + handle.Width / 2, handle.Y + handle.Height / 2);
        await session.Page.Mouse.DownAsync();
        await session.Page.Mouse.MoveAsync(handle.X - 30, handle.Y + handle.Height / 2, new MouseMoveOptions { Steps = 5 });
        await session.Page.Mouse.UpAsync();
        Assert.True(await IntAsync(avatar.CropSize) > before, "Dragging the handle to the left should grow the square.");
        Assert.Equal(300, await IntAsync(avatar.CropX) + await IntAsync(avatar.CropSize));

        // Plain arrows still move the square the way they point.
        for (var i = 0; i < 30; i++) await avatar.CropBox.PressAsync("ArrowRight");
        await Expect(avatar.CropX).ToHaveValueAsync((400 - await IntAsync(avatar.CropSize)).ToString(CultureInfo.InvariantCulture));

        await session.Page.Locator("form[data-avatar-upload] button[type=submit]").ClickAsync();
        await Expect(avatar.StatusMessage).ToBeVisibleAsync();
        await Expect(avatar.MenuAvatarImage).ToBeVisibleAsync();
    }

    private static async Task<int> IntAsync(ILocator field) => int.Parse(await field.InputValueAsync(), CultureInfo.InvariantCulture);

    /// <summary>The fonts Chromium actually drew the element's text with (DevTools protocol CSS.getPlatformFontsForNode).</summary>
    private static async Task<List<string>> PlatformFontsAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var found = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var node = found!.Value.GetProperty("nodeId").GetInt32();
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node });
        return fonts!.Value.GetProperty("fonts").EnumerateArray().Select(f => f.GetProperty("familyName").GetString() ?? "").ToList();
    }
}
