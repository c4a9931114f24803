using System.Buffers.Binary;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Screenshots;

/// <summary>
/// Full-page captures at 1280×900 of the sign-in page, every settings page the README shows and the admin users
/// list. A normal test run writes them under .test-results/screenshots (ignored by git); scripts/screenshots.sh sets
/// PORTAL_SCREENSHOTS_DIR to docs/screenshots to refresh the README's images on purpose.
/// </summary>
public sealed class ScreenshotTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public const string FolderVariable = "PORTAL_SCREENSHOTS_DIR";

    private static readonly string Folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(RepositoryPaths.Root, ".test-results", "screenshots");

    [Fact]
    public async Task SignInPage_Anonymous_SavesFullPageScreenshot()
    {
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await Expect(login.SignInButton).ToBeVisibleAsync();

        AssertPng(await SaveAsync(session.Page, "sign-in.png"));
    }

    [Fact]
    public async Task SettingsPages_SignedIn_SaveFullPageScreenshots()
    {
        var user = await browser.CreateUserAsync(u =>
        {
            u.UserName = "ada.lovelace";
            u.Email = "ada@example.test";
            u.Title = "Analyst of engines";
            u.Bio = "Wrote the first published algorithm for the Analytical Engine.";
            u.PhoneNumber = "+442079460958";
            u.TimeZoneId = "Europe/London";
        });
        await browser.Portal.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write, description: "Backup script");
        await browser.Portal.CreateTokenAsync(user, TokenScopes.Read, DateTime.UtcNow.AddDays(90), "Reporting dashboard");
        await using var session = await browser.SignedInAsync(user);

        var profile = await ProfilePage.OpenAsync(session.Page);
        await Expect(profile.Title).ToHaveValueAsync("Analyst of engines");
        AssertPng(await SaveAsync(session.Page, "profile.png"));

        await AvatarPage.OpenAsync(session.Page);
        AssertPng(await SaveAsync(session.Page, "avatar.png"));

        await UsernamePage.OpenAsync(session.Page);
        AssertPng(await SaveAsync(session.Page, "username.png"));

        await SecurityPage.OpenAsync(session.Page);
        AssertPng(await SaveAsync(session.Page, "security.png"));

        await TokensPage.OpenAsync(session.Page);
        await Expect(session.Page.GetByText("Backup script").First).ToBeVisibleAsync();
        AssertPng(await SaveAsync(session.Page, "tokens.png"));

        await SessionsPage.OpenAsync(session.Page);
        AssertPng(await SaveAsync(session.Page, "sessions.png"));
    }

    [Fact]
    public async Task AdminUsersList_Administrator_SavesFullPageScreenshot()
    {
        var admin = await browser.Portal.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = "Hopper"; }, role: Roles.Administrator);
        await browser.CreateUserAsync(u => { u.FirstName = "Alan"; u.LastName = "Turing"; });
        await browser.CreateUserAsync(u => { u.FirstName = "Katherine"; u.LastName = "Johnson"; u.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15); });
        await browser.CreateUserAsync(u => { u.FirstName = "Edsger"; u.LastName = "Dijkstra"; u.DisabledAt = DateTime.UtcNow; });
        await browser.CreateUserAsync(u => { u.FirstName = "Barbara"; u.LastName = "Liskov"; });
        await using var session = await browser.SignedInAsync(admin);

        await AdminUsersPage.OpenAsync(session.Page);

        AssertPng(await SaveAsync(session.Page, "admin-users.png"));
    }

    internal static async Task<string> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>Reads the PNG header: the file is a PNG of the viewport's width and at least its height.</summary>
    internal static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG.");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal(1280, width);
        Assert.True(height >= 900, $"{path} is {width}×{height}, expected at least 900 high.");
    }
}
