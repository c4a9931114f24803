using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Settings/TwoFactor and the two sign-in steps after the password.</summary>
public sealed partial class TwoFactorPage(IPage page)
{
    public const string Path = "/Settings/TwoFactor";

    public static Regex Url => UrlPattern();
    public static Regex SecondStepUrl => SecondStepPattern();

    public IPage Page => page;
    public ILocator Status => page.GetByTestId("two-factor-status");
    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator SetUpButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Set up two-factor authentication" });
    public ILocator QrCode => page.GetByRole(AriaRole.Img, new PageGetByRoleOptions { Name = "QR code for your authenticator app" });
    public ILocator Key => page.GetByTestId("authenticator-key");
    public ILocator Code => page.GetByLabel("Authentication code");
    public ILocator TurnOnButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on two-factor authentication" });
    public ILocator RecoveryCodes => page.GetByRole(AriaRole.Textbox, new PageGetByRoleOptions { Name = "Recovery codes", Exact = true });
    public ILocator CopyButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Copy", Exact = true });
    public ILocator DownloadLink => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Download as .txt" });

    /// <summary>The second sign-in step's parts (LoginWith2fa, LoginWithRecoveryCode).</summary>
    public ILocator VerifyButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Verify" });
    public ILocator RememberBrowser => page.GetByLabel("Remember this browser for 30 days");
    public ILocator RecoveryCodeLink => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Sign in with a recovery code" });
    public ILocator RecoveryCode => page.GetByLabel("Recovery code", new PageGetByLabelOptions { Exact = true });

    public static async Task<TwoFactorPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new TwoFactorPage(page);
    }

    /// <summary>The key as shown for typing, without its spaces.</summary>
    public async Task<string> ReadKeyAsync() => (await Key.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"/Settings/TwoFactor$")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"/Account/LoginWith2fa\?")]
    private static partial Regex SecondStepPattern();
}
