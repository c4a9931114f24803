using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Username;

public sealed class UsernameJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ChangeUsername_FreeNameAndRightPassword_ShowsStatusAndTheNewName()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var username = await UsernamePage.OpenAsync(session.Page);
        await Expect(username.CurrentUserName).ToHaveTextAsync(user.UserName);
        var newName = $"ada.{Guid.NewGuid():N}"[..20];

        await username.ChangeUsernameAsync(newName, user.Password);

        await Expect(username.StatusMessage).ToHaveTextAsync($"Your username is now {newName}. Sign in with it (or your email) from now on.");
        await Expect(username.CurrentUserName).ToHaveTextAsync(newName);
        var stored = await browser.Portal.LoadUserAsync(user.Id);
        Assert.Equal(newName, stored.UserName);
    }
}
