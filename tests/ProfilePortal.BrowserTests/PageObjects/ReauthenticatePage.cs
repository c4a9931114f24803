using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Account/Reauthenticate: the password again before a sensitive action ("sudo mode").</summary>
public sealed partial class ReauthenticatePage(IPage page)
{
    /// <summary>The page with the returnUrl the guarded action added.</summary>
    public static Regex Url => UrlPattern();

    public IPage Page => page;
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Confirm your password" });
    public ILocator Password => page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true });
    public ILocator ConfirmButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Confirm password" });

    public async Task ConfirmAsync(string password)
    {
        await Password.FillAsync(password);
        await ConfirmButton.ClickAsync();
    }

    [GeneratedRegex(@"/Account/Reauthenticate\?returnUrl=")]
    private static partial Regex UrlPattern();
}
