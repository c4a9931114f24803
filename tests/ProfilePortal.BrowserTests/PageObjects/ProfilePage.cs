using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Profile: the profile form, its status line and the profile menu in the header.</summary>
public sealed partial class ProfilePage(IPage page)
{
    public const string Path = "/Settings/Profile";

    /// <summary>Matches the page's address whatever host and port the test server got.</summary>
    public static Regex Url => UrlPattern();

    public IPage Page => page;
    public ILocator FirstName => page.GetByLabel("First name");
    public ILocator Title => page.GetByLabel("Title", new PageGetByLabelOptions { Exact = true });
    public ILocator Bio => page.GetByLabel("Bio", new PageGetByLabelOptions { Exact = true });
    public ILocator BioCounter => page.Locator("#Input_Bio_counter");
    public ILocator TimeZone => page.Locator("#Input_TimeZoneId");
    public ILocator TimeZoneSearch => page.GetByLabel("Search time zones");
    public ILocator TimeZoneMatches => page.Locator("#Input_TimeZoneId_matches");
    public ILocator UpdateButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Update profile" });
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator ProfileMenu => page.Locator("details.profile-menu");
    public ILocator ProfileMenuToggle => ProfileMenu.Locator("summary");
    public ILocator SignOutButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign out" });

    public static async Task<ProfilePage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new ProfilePage(page);
    }

    public Task UpdateAsync() => UpdateButton.ClickAsync();

    [GeneratedRegex(@"/Settings/Profile$")]
    private static partial Regex UrlPattern();
}
