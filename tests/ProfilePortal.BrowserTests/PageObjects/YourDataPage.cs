using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Data: the download of one's data and the deletion of the account.</summary>
public sealed class YourDataPage(IPage page)
{
    public const string Path = "/Settings/Data";

    public IPage Page => page;
    public ILocator DownloadButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Download your data" });
    public ILocator Confirmation => page.GetByLabel("Type your username");
    public ILocator AskToDeleteButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Ask to delete my account" });
    public ILocator WithdrawButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Withdraw request" });
    public ILocator Pending => page.GetByTestId("deletion-pending");
    public ILocator StatusMessage => page.GetByTestId("status-message");

    public static async Task<YourDataPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new YourDataPage(page);
    }
}
