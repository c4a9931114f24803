using System.Text.RegularExpressions;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Passkeys;

/// <summary>
/// Passkeys in a real browser (SPEC 2.4, 2.10) with Chromium's virtual authenticator. These tabs browse
/// http://localhost:PORT: WebAuthn refuses an IP address as the relying party id.
/// </summary>
public sealed class PasskeysJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Passkey_AddSignOutSignInWithItRenameAndRemove()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousOnLocalhostAsync();
        await session.AddVirtualAuthenticatorAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);

        var passkeys = await PasskeysPage.OpenAsync(session.Page);
        await Expect(passkeys.Unavailable).ToBeHiddenAsync();
        await Expect(passkeys.NoPasskeys).ToBeVisibleAsync();
        await passkeys.AddAsync("Laptop");
        await Expect(passkeys.StatusMessage).ToHaveTextAsync("The passkey Laptop has been added. You can now use it to sign in.");
        await Expect(passkeys.Row("Laptop")).ToContainTextAsync("never used");

        // The virtual authenticator answers the sign-in page's autofill request by itself (a person would pick the
        // passkey from the list); a browser without autofill for passkeys leaves only the button, which is tested here.
        await session.Context.AddInitScriptAsync(NoPasskeyAutofill);
        await new ProfilePage(session.Page).ProfileMenuToggle.ClickAsync();
        await new ProfilePage(session.Page).SignOutButton.ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Login$"));

        login = new LoginPage(session.Page);
        await Expect(login.PasskeyButton).ToBeVisibleAsync();
        await login.PasskeyButton.ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);

        passkeys = await PasskeysPage.OpenAsync(session.Page);
        await Expect(passkeys.Row("Laptop")).ToContainTextAsync("last used");
        await passkeys.RenameAsync("Laptop", "Work laptop");
        await Expect(passkeys.StatusMessage).ToHaveTextAsync("The passkey has been renamed to Work laptop.");
        await passkeys.RemoveButton("Work laptop").ClickAsync();
        await Expect(passkeys.StatusMessage).ToHaveTextAsync("The passkey Work laptop has been removed. It can no longer sign in to your account.");
        await Expect(passkeys.NoPasskeys).ToBeVisibleAsync();
        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task SignIn_BrowserAutofillOffersThePasskey_SignsInWithIt()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousOnLocalhostAsync();
        await session.AddVirtualAuthenticatorAsync();
        await (await LoginPage.OpenAsync(session.Page)).SignInAsync(user.UserName, user.Password);
        await (await PasskeysPage.OpenAsync(session.Page)).AddAsync("Laptop");
        await Expect(new PasskeysPage(session.Page).StatusMessage).ToContainTextAsync("has been added");
        await session.Context.ClearCookiesAsync();

        // The page asks for a passkey through the login field's autofill (conditional mediation); the virtual
        // authenticator picks its only passkey at once, as a person choosing it from the list would.
        await LoginPage.OpenAsync(session.Page);

        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
    }

    [Fact]
    public async Task SignInWithPasskey_BrowserWithoutTheCredential_CannotSignIn()
    {
        var user = await browser.CreateUserAsync();
        await using (var owner = await browser.AnonymousOnLocalhostAsync())
        {
            await owner.AddVirtualAuthenticatorAsync();
            await (await LoginPage.OpenAsync(owner.Page)).SignInAsync(user.UserName, user.Password);
            await (await PasskeysPage.OpenAsync(owner.Page)).AddAsync("Laptop");
            await Expect(new PasskeysPage(owner.Page).StatusMessage).ToContainTextAsync("has been added");
        }

        await using var stranger = await browser.AnonymousOnLocalhostAsync();
        await stranger.AddVirtualAuthenticatorAsync();
        var login = await LoginPage.OpenAsync(stranger.Page);
        await login.PasskeyButton.ClickAsync();

        await Expect(login.PasskeyStatus).ToHaveTextAsync("No passkey was used (it was cancelled or timed out). Try again, or sign in with your password.", new() { Timeout = 30_000 });
        await Expect(stranger.Page).ToHaveURLAsync(LoginPage.Url);
    }

    [Fact]
    public async Task PasskeysPage_KeyboardOnly_AddsAPasskey()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousOnLocalhostAsync();
        await session.AddVirtualAuthenticatorAsync();
        await (await LoginPage.OpenAsync(session.Page)).SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
        var passkeys = await PasskeysPage.OpenAsync(session.Page);

        Assert.True(await TabUntilFocusedAsync(passkeys.Name), "The passkey name field is not reachable with Tab.");
        await session.Page.Keyboard.TypeAsync("Phone");
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(passkeys.AddButton).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(passkeys.StatusMessage).ToHaveTextAsync("The passkey Phone has been added. You can now use it to sign in.");
        Assert.True(await TabUntilFocusedAsync(passkeys.RenameToggle("Phone")), "Rename is not reachable with Tab.");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(passkeys.NewName("Phone")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PasskeysPage_WithoutJavaScript_ExplainsWhyPasskeysAreUnavailable()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInWithoutJavaScriptAsync(user);
        var passkeys = await PasskeysPage.OpenAsync(session.Page);

        await Expect(passkeys.Unavailable).ToHaveTextAsync("Passkeys are not available in this browser: it does not support them (WebAuthn), or JavaScript is turned off.");
        await Expect(passkeys.AddButton).ToBeHiddenAsync();
    }

    /// <summary>A browser that does not offer passkeys in autofill (conditional mediation): only the button remains.</summary>
    private const string NoPasskeyAutofill = "if (window.PublicKeyCredential) { PublicKeyCredential.isConditionalMediationAvailable = () => Promise.resolve(false); }";

    private static async Task<bool> TabUntilFocusedAsync(Microsoft.Playwright.ILocator target)
    {
        for (var i = 0; i < 40; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return true;
        }

        return false;
    }
}
