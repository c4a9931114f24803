using System.Buffers.Binary;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Screenshots;

/// <summary>Keeps docs/screenshots current: full-page captures at 1280×900 of the pages the docs show.</summary>
public sealed class ScreenshotTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");

    [Fact]
    public async Task SignInPage_Anonymous_SavesFullPageScreenshot()
    {
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await Expect(login.SignInButton).ToBeVisibleAsync();

        var path = await SaveAsync(session.Page, "sign-in.png");

        AssertPng(path, expectedWidth: 1280, minimumHeight: 900);
    }

    [Fact]
    public async Task ProfilePage_SignedIn_SavesFullPageScreenshot()
    {
        var user = await browser.CreateUserAsync(u =>
        {
            u.Title = "Analyst of engines";
            u.Bio = "Wrote the first published algorithm for the Analytical Engine.";
            u.PhoneNumber = "+442079460958";
        });
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);
        await Expect(profile.Title).ToHaveValueAsync("Analyst of engines");

        var path = await SaveAsync(session.Page, "profile.png");

        AssertPng(path, expectedWidth: 1280, minimumHeight: 900);
    }

    private static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>Reads the PNG header: the file is a PNG of the viewport's width and at least its height.</summary>
    private static void AssertPng(string path, int expectedWidth, int minimumHeight)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG.");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal(expectedWidth, width);
        Assert.True(height >= minimumHeight, $"{path} is {width}×{height}, expected at least {minimumHeight} high.");
    }
}
