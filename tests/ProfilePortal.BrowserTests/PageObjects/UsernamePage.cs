using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Username: the current username and the form that changes it.</summary>
public sealed class UsernamePage(IPage page)
{
    public const string Path = "/Settings/Username";

    public IPage Page => page;
    public ILocator CurrentUserName => page.GetByTestId("current-username");
    public ILocator NewUserName => page.GetByLabel("New username");
    public ILocator CurrentPassword => page.GetByLabel("Current password", new PageGetByLabelOptions { Exact = true });
    public ILocator ChangeUsernameButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Change username" });
    public ILocator StatusMessage => page.GetByTestId("status-message");

    public static async Task<UsernamePage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new UsernamePage(page);
    }

    public async Task ChangeUsernameAsync(string newUserName, string currentPassword)
    {
        await NewUserName.FillAsync(newUserName);
        await CurrentPassword.FillAsync(currentPassword);
        await ChangeUsernameButton.ClickAsync();
    }
}
