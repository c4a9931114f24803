using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/Security: the change-password form with its live rules checklist and show/hide buttons.</summary>
public sealed class SecurityPage(IPage page)
{
    public const string Path = "/Settings/Security";

    public IPage Page => page;
    public ILocator CurrentPassword => page.GetByLabel("Current password", new PageGetByLabelOptions { Exact = true });
    public ILocator NewPassword => page.GetByLabel("New password", new PageGetByLabelOptions { Exact = true });
    public ILocator ConfirmPassword => page.GetByLabel("Confirm the new password");
    public ILocator SignOutOtherSessions => page.GetByLabel("Sign out of all other sessions");
    public ILocator ChangePasswordButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Change password" });
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator PasswordRules => page.Locator("#password-rules");

    public ILocator ShowNewPasswordButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show new password", Exact = true });

    public static async Task<SecurityPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new SecurityPage(page);
    }

    /// <summary>The checklist item whose text holds <paramref name="description"/>, e.g. "A digit".</summary>
    public ILocator Rule(string description) => PasswordRules.Locator("li").Filter(new LocatorFilterOptions { HasText = description });

    /// <summary>The visually hidden "(met)" / "(not met)" a screen reader hears after the rule.</summary>
    public ILocator RuleState(string description) => Rule(description).Locator("[data-rule-state]");

    public async Task ChangePasswordAsync(string current, string next, string confirmation)
    {
        await CurrentPassword.FillAsync(current);
        await NewPassword.FillAsync(next);
        await ConfirmPassword.FillAsync(confirmation);
        await ChangePasswordButton.ClickAsync();
    }
}
