using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Accessibility;

/// <summary>axe-core (all default rules) on the rendered pages, with the app's CSS and scripts applied.</summary>
public sealed class AxeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInPage_Anonymous_HasNoAxeViolations()
    {
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await Expect(login.SignInButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task ProfilePage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);
        await Expect(profile.UpdateButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task ProfilePage_InvalidFirstNameSubmitted_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);

        await profile.FirstName.FillAsync("A");
        await profile.UpdateAsync();
        await Expect(profile.FirstName).ToHaveAccessibleDescriptionAsync("First name must be between 2 and 100 characters.");

        await session.Page.AssertNoAxeViolationsAsync();
    }
}
