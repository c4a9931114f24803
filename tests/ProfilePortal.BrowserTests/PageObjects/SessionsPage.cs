using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Sessions: the signed-in browsers, the current one tagged, and "End all other sessions" with its confirmation step.</summary>
public sealed class SessionsPage(IPage page)
{
    public const string Path = "/Settings/Sessions";

    public IPage Page => page;
    public ILocator Sessions => page.GetByTestId("sessions").Locator("li");
    public ILocator CurrentSessionBadge => page.GetByTestId("current-session");
    public ILocator CurrentSession => Sessions.Filter(new LocatorFilterOptions { Has = CurrentSessionBadge });
    /// <summary>"End session" beside each other session (its accessible name adds the device).</summary>
    public ILocator EndSessionButtons => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "End session" });
    public ILocator EndAllOtherSessionsLink => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "End all other sessions", Exact = true });
    public ILocator ConfirmEndOthersButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Yes, end all other sessions" });
    public ILocator NoOtherSessions => page.GetByTestId("no-other-sessions");
    public ILocator StatusMessage => page.GetByTestId("status-message");

    public static async Task<SessionsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new SessionsPage(page);
    }

    /// <summary>The confirmation step as a link or a bookmark reaches it, without JavaScript.</summary>
    public static async Task<SessionsPage> OpenConfirmEndOthersAsync(IPage page)
    {
        await page.GotoAsync($"{Path}?confirm=true");
        return new SessionsPage(page);
    }
}
