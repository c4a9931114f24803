using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.TwoFactor;

public sealed class TwoFactorJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SetUp_KeyboardOnly_QrKeyCodeThenRecoveryCodesThenSignInWithCode()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var twoFactor = await TwoFactorPage.OpenAsync(session.Page);
        await Expect(twoFactor.Status).ToContainTextAsync("Off");

        Assert.True(await TabUntilFocusedAsync(twoFactor.SetUpButton), "The set-up button is not reachable with Tab.");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(twoFactor.QrCode).ToBeVisibleAsync();
        Assert.True(await twoFactor.QrCode.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "The QR code image did not load.");
        var key = await twoFactor.ReadKeyAsync();
        Assert.Equal(32, key.Length);
        await session.Page.AssertNoAxeViolationsAsync();

        Assert.True(await TabUntilFocusedAsync(twoFactor.Code), "The code field is not reachable with Tab.");
        await session.Page.Keyboard.TypeAsync(browser.Portal.CodeAt(key));
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(twoFactor.StatusMessage).ToHaveTextAsync("Two-factor authentication is on. Save your recovery codes now: they will not be shown again.");
        var codes = (await twoFactor.RecoveryCodes.InputValueAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Length);
        await Expect(twoFactor.CopyButton).ToBeVisibleAsync();
        await Expect(twoFactor.DownloadLink).ToHaveAttributeAsync("download", "profileportal-recovery-codes.txt");
        await Expect(twoFactor.Status).ToContainTextAsync("10 recovery codes left.");
        await session.Page.AssertNoAxeViolationsAsync();

        await session.Page.GotoAsync("/Account/Logout");
        await session.Page.Locator("main").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sign out" }).ClickAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(TwoFactorPage.SecondStepUrl);
        await session.Page.AssertNoAxeViolationsAsync();

        // The code that turned it on is used up: the next one, half a minute later.
        browser.Portal.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await TabUntilFocusedAsync(twoFactor.Code), "The code field of the second step is not reachable with Tab.");
        await session.Page.Keyboard.TypeAsync(browser.Portal.CodeAt(key));
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
    }

    [Fact]
    public async Task SignIn_WrongCodeThenRecoveryCode_MessageUnderFieldThenSignedIn()
    {
        var user = await browser.CreateUserAsync();
        string[] codes;
        await using (var setup = await browser.SignedInAsync(user))
        {
            var twoFactor = await TwoFactorPage.OpenAsync(setup.Page);
            await twoFactor.SetUpButton.ClickAsync();
            var key = await twoFactor.ReadKeyAsync();
            await twoFactor.Code.FillAsync(browser.Portal.CodeAt(key));
            await twoFactor.TurnOnButton.ClickAsync();
            codes = (await twoFactor.RecoveryCodes.InputValueAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        var second = new TwoFactorPage(session.Page);
        await second.Code.FillAsync("12");
        await second.VerifyButton.ClickAsync();
        await Expect(second.Code).ToHaveAccessibleDescriptionAsync("The code is 6 digits.");
        await session.Page.AssertNoAxeViolationsAsync();

        await second.RecoveryCodeLink.ClickAsync();
        await second.RecoveryCode.FillAsync("zzzz-zzzz-zzzz-zzzz");
        await session.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(second.RecoveryCode).ToHaveAccessibleDescriptionAsync("This recovery code is not valid or was already used.");
        await session.Page.AssertNoAxeViolationsAsync();

        await second.RecoveryCode.FillAsync(codes[0]);
        await session.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
    }

    private static async Task<bool> TabUntilFocusedAsync(ILocator target, int maxPresses = 40)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return true;
        }
        return false;
    }
}
