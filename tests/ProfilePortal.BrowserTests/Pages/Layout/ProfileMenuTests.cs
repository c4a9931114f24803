using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.BrowserTests.Pages.Settings.Avatar;
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

    [Fact]
    public async Task ProfileMenu_AfterAnUploadReplacedThePage_ClickOutsideClosesItAndDocumentHasOneClickListener()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        // Counts click listeners added to the document, from before site.js runs.
        await session.Page.AddInitScriptAsync("""
            window.documentClickListeners = 0;
            const add = Document.prototype.addEventListener;
            Document.prototype.addEventListener = function (type, listener, options) {
                if (this === document && type === "click") window.documentClickListeners++;
                return add.call(this, type, listener, options);
            };
            """);
        var avatar = await AvatarPage.OpenAsync(session.Page);

        // The upload goes through XMLHttpRequest and swaps in the answered page's body, which enhance() binds again.
        await avatar.UploadAsync("photo.png", "image/png", AvatarJourneyTests.RedBluePng);
        await Expect(avatar.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        await avatar.ProfileMenuToggle.ClickAsync();
        await Expect(session.Page.Locator("details.profile-menu")).ToHaveAttributeAsync("open", "");
        await session.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 }).ClickAsync();

        await Expect(session.Page.Locator("details.profile-menu")).Not.ToHaveAttributeAsync("open", "");
        Assert.Equal(1, await session.Page.EvaluateAsync<int>("window.documentClickListeners"));
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
