using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Layout;

public sealed class ProfileMenuTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ProfileMenu_KeyboardOnly_OpensWithEnterAndSignOutIsReachableWithTab()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);
        await Expect(profile.SignOutButton).ToBeHiddenAsync();

        Assert.True(await TabUntilFocusedAsync(profile.ProfileMenuToggle), "The profile menu toggle is not reachable with Tab.");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(profile.ProfileMenu).ToHaveAttributeAsync("open", "");
        await Expect(profile.SignOutButton).ToBeVisibleAsync();

        Assert.True(await TabUntilFocusedAsync(profile.SignOutButton), "Sign out is not reachable with Tab once the menu is open.");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Expect(session.Page.GetByTestId("status-message")).ToHaveTextAsync("You have signed out.");
    }

    /// <summary>Presses Tab as a keyboard user would, stopping when <paramref name="target"/> has focus.</summary>
    private static async Task<bool> TabUntilFocusedAsync(ILocator target, int maxPresses = 15)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return true;
        }
        return false;
    }
}
