using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/Account/Login, found the way a person (or a screen reader) finds it: by labels and roles.</summary>
public sealed partial class LoginPage(IPage page)
{
    public const string Path = "/Account/Login";

    /// <summary>The sign-in page, with or without the ReturnUrl a challenge adds.</summary>
    public static Regex Url => UrlPattern();

    public IPage Page => page;
    public ILocator Login => page.GetByLabel("Email address or username");
    public ILocator Password => page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true });
    public ILocator PasskeyButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in with a passkey" });
    public ILocator PasskeyStatus => page.Locator("[data-passkey-status]");
    public ILocator FormError => page.GetByTestId("form-error");
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true });

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new LoginPage(page);
    }

    public async Task SignInAsync(string login, string password)
    {
        await Login.FillAsync(login);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }

    [GeneratedRegex(@"/Account/Login(\?|$)")]
    private static partial Regex UrlPattern();
}
