using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Account;

public sealed class ReauthenticateJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CreateToken_PasswordLastEnteredOverFifteenMinutesAgo_AsksForItThenCreatesOnTheSecondTry()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
        browser.Portal.Clock.Advance(TimeSpan.FromMinutes(16));

        var tokens = await TokensPage.OpenAsync(session.Page);
        await tokens.CreateAsync("Backup script");

        var confirm = new ReauthenticatePage(session.Page);
        await Expect(session.Page).ToHaveURLAsync(ReauthenticatePage.Url);
        await Expect(confirm.Heading).ToBeVisibleAsync();
        await confirm.ConfirmAsync("Wrong$Password1");
        await Expect(confirm.Password).ToHaveAccessibleDescriptionAsync("The password is incorrect.");
        await session.Page.AssertNoAxeViolationsAsync();

        await confirm.ConfirmAsync(user.Password);
        await Expect(session.Page).ToHaveURLAsync(TokensPage.Url);
        await Expect(tokens.StatusMessage).ToHaveTextAsync("Password confirmed. You can now do what you started again.");
        await Expect(tokens.NoActiveTokens).ToBeVisibleAsync();
        await tokens.CreateAsync("Backup script");
        await Expect(tokens.StatusMessage).ToHaveTextAsync("Your new token has been created. Copy it now: it will not be shown again.");
        await Expect(tokens.ActiveToken("Backup script")).ToBeVisibleAsync();
    }
}
