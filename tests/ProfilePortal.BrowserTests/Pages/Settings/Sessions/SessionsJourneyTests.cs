using System.Text.RegularExpressions;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Sessions;

public sealed class SessionsJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OpenSessions_SignedIn_ListsThisBrowserTaggedThisDevice()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);

        var sessions = await SessionsPage.OpenAsync(session.Page);

        await Expect(sessions.Sessions).ToHaveCountAsync(1);
        await Expect(sessions.CurrentSessionBadge).ToHaveTextAsync("This device");
        await Expect(sessions.CurrentSession).ToHaveCountAsync(1);
        await Expect(sessions.NoOtherSessions).ToHaveTextAsync("No other sessions are signed in.");
    }

    [Fact]
    public async Task EndAllOtherSessions_SecondBrowserSignedIn_ConfirmedEndsItAndKeepsThisOne()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await using var otherDevice = await browser.SignedInOnAnotherDeviceAsync(user);
        var sessions = await SessionsPage.OpenAsync(session.Page);
        await Expect(sessions.Sessions).ToHaveCountAsync(2);
        await Expect(sessions.CurrentSession).ToHaveCountAsync(1);

        await sessions.EndAllOtherSessionsLink.ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(new Regex(@"/Settings/Sessions\?confirm=true$"));
        await sessions.ConfirmEndOthersButton.ClickAsync();

        await Expect(sessions.StatusMessage).ToHaveTextAsync("1 other session has ended.");
        await Expect(sessions.Sessions).ToHaveCountAsync(1);
        await Expect(sessions.CurrentSessionBadge).ToHaveTextAsync("This device");
        await Expect(sessions.NoOtherSessions).ToBeVisibleAsync();

        await ProfilePage.OpenAsync(otherDevice.Page);
        await Expect(otherDevice.Page).ToHaveURLAsync(LoginPage.Url);
    }
}
