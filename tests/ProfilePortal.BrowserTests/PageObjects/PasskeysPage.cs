using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Passkeys: the list with Rename (a disclosure) and Remove per passkey, and the add form.</summary>
public sealed partial class PasskeysPage(IPage page)
{
    public const string Path = "/Settings/Passkeys";

    public static Regex Url => UrlPattern();

    public IPage Page => page;
    public ILocator Name => page.GetByLabel("Name", new PageGetByLabelOptions { Exact = true });
    public ILocator AddButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add a passkey", Exact = true });
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator NoPasskeys => page.GetByTestId("no-passkeys");
    public ILocator Unavailable => page.Locator("[data-passkey-unavailable]");
    public ILocator Rows => page.GetByTestId("passkeys").Locator("> li");

    public ILocator Row(string name) => Rows.Filter(new LocatorFilterOptions { Has = page.GetByTestId("passkey-name").GetByText(name, new LocatorGetByTextOptions { Exact = true }) });
    public ILocator RenameToggle(string name) => Row(name).Locator("summary");
    public ILocator NewName(string name) => page.GetByLabel($"New name for {name}");
    public ILocator SaveNameButton(string name) => Row(name).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Save name" });
    public ILocator RemoveButton(string name) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Remove {name}", Exact = true });

    public static async Task<PasskeysPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new PasskeysPage(page);
    }

    public async Task AddAsync(string name)
    {
        await Name.FillAsync(name);
        await AddButton.ClickAsync();
    }

    public async Task RenameAsync(string name, string newName)
    {
        await RenameToggle(name).ClickAsync();
        await NewName(name).FillAsync(newName);
        await SaveNameButton(name).ClickAsync();
    }

    [GeneratedRegex(@"/Settings/Passkeys$")]
    private static partial Regex UrlPattern();
}
