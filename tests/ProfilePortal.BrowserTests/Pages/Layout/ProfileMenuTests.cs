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

    [Fact]
    public async Task ProfileMenu_Keyboard_FocusMovesInArrowsMoveEnterSetsTheStatusAndEscapeReturnsFocus()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await ProfilePage.OpenAsync(session.Page);
        var menu = new ProfileMenu(session.Page);
        await Expect(menu.Dot).ToHaveAttributeAsync("data-status", "Online");

        Assert.True(await TabUntilFocusedAsync(menu.Toggle), "The profile menu button is not reachable with Tab.");
        await Expect(menu.Toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(menu.Menu).ToHaveAttributeAsync("open", "");
        await Expect(menu.Toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu.FocusedItem).ToHaveCountAsync(1);

        await session.Page.Keyboard.PressAsync("End");
        await Expect(menu.SignOut).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await menu.HasFocusAsync(await FirstItemAsync(menu)), "ArrowDown on the last item does not wrap to the first.");
        await session.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(menu.SignOut).ToBeFocusedAsync();

        var busy = menu.StatusChoice("Busy");
        for (var i = 0; i < 20 && !await menu.HasFocusAsync(busy); i++) await session.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(busy).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
        await Expect(menu.StatusMessage).ToHaveTextAsync("Your status is now Busy.");
        await Expect(menu.Dot).ToHaveAttributeAsync("data-status", "Busy");

        await menu.Toggle.FocusAsync();
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(menu.Menu).ToHaveAttributeAsync("open", "");
        await Expect(menu.StatusChoice("Busy")).ToHaveAttributeAsync("aria-current", "true");
        await session.Page.Keyboard.PressAsync("Escape");
        await Expect(menu.Menu).Not.ToHaveAttributeAsync("open", "");
        await Expect(menu.Toggle).ToBeFocusedAsync();

        await session.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(menu.Menu).ToHaveAttributeAsync("open", "");
        await Expect(menu.FocusedItem).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task ProfileMenu_WithoutJavaScript_SetsTheStatusAndComesBack()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInWithoutJavaScriptAsync(user);
        await session.Page.GotoAsync("/Settings/Security");
        var menu = new ProfileMenu(session.Page);

        await menu.Toggle.ClickAsync();
        await menu.StatusChoice("Appear offline").ClickAsync();

        await Expect(session.Page).ToHaveURLAsync(new Regex("/Settings/Security$"));
        await Expect(menu.StatusMessage).ToHaveTextAsync("Your status is now Appear offline.");
        await Expect(menu.Dot).ToHaveAttributeAsync("data-status", "Offline");
        await Expect(menu.CurrentStatus).ToHaveTextAsync("Appear offline");
    }

    private static async Task<ILocator> FirstItemAsync(ProfileMenu menu)
    {
        await Expect(menu.Panel.Locator("a[href]").First).ToBeVisibleAsync();
        return menu.Panel.Locator("a[href]").First;
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
