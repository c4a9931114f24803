using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Admin/Users: the search form and the list of people.</summary>
public sealed class AdminUsersPage(IPage page)
{
    public const string Path = "/Admin/Users";

    public IPage Page => page;
    public ILocator Search => page.GetByLabel("Name, email or username");
    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search", Exact = true });
    public ILocator ResultCount => page.GetByTestId("result-count");
    public ILocator Rows => page.GetByTestId("users").Locator("tbody tr");

    public static async Task<AdminUsersPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new AdminUsersPage(page);
    }

    public async Task SearchAsync(string term)
    {
        await Search.FillAsync(term);
        await Search.PressAsync("Enter");
    }

    public async Task<AdminUserPage> OpenPersonAsync(string fullName)
    {
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = fullName, Exact = true }).ClickAsync();
        return new AdminUserPage(page);
    }
}

/// <summary>/Admin/Users/{id}: one person, their account actions, and the email change form behind "Change email".</summary>
public sealed class AdminUserPage(IPage page)
{
    public IPage Page => page;
    public ILocator Name => page.GetByTestId("person-name");
    public ILocator Email => page.GetByTestId("person-email");
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator ChangeEmailLink => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Change email" });
    public ILocator NewEmail => page.GetByLabel("New email");
    public ILocator MarkVerified => page.GetByLabel("Mark the address as verified");
    public ILocator ChangeEmailButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Change email" });

    public async Task ChangeEmailAsync(string email)
    {
        await ChangeEmailLink.ClickAsync();
        await NewEmail.FillAsync(email);
        await ChangeEmailButton.ClickAsync();
    }
}
