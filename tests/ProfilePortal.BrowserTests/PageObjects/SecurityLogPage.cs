using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/SecurityLog: the person's security events, newest first.</summary>
public sealed class SecurityLogPage(IPage page)
{
    public const string Path = "/Settings/SecurityLog";

    public IPage Page => page;
    public ILocator Events => page.GetByTestId("security-log").Locator("tbody tr");

    public static async Task<SecurityLogPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new SecurityLogPage(page);
    }
}
