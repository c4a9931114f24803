using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
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
    public async Task SignInPage_WithPasskeySupport_HasNoAxeViolations()
    {
        await using var session = await browser.AnonymousOnLocalhostAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await Expect(login.PasskeyButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task PasskeysPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var passkeys = await PasskeysPage.OpenAsync(session.Page);
        await Expect(passkeys.NoPasskeys).ToBeVisibleAsync();

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

    [Fact]
    public async Task ProfilePage_ProfileMenuOpenWithAStatusChosen_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync(u => u.ActivityStatus = ProfilePortal.Web.Features.Presence.ActivityStatus.DoNotDisturb);
        await using var session = await browser.SignedInAsync(user);
        await ProfilePage.OpenAsync(session.Page);
        var menu = new ProfileMenu(session.Page);

        await menu.Toggle.ClickAsync();
        await Expect(menu.StatusChoice("Do not disturb")).ToBeVisibleAsync();
        await Expect(menu.StatusChoice("Do not disturb")).ToHaveAttributeAsync("aria-current", "true");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task SecurityPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var security = await SecurityPage.OpenAsync(session.Page);
        await Expect(security.ShowNewPasswordButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task SecurityPage_InvalidPasswordsSubmitted_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var security = await SecurityPage.OpenAsync(session.Page);

        await security.ChangePasswordAsync(current: "", next: "abc", confirmation: "abd");
        await Expect(security.CurrentPassword).ToHaveAccessibleDescriptionAsync("Enter your current password.");
        await Expect(security.ConfirmPassword).ToHaveAccessibleDescriptionAsync("The new password and its confirmation do not match.");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task YourDataPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var data = await YourDataPage.OpenAsync(session.Page);
        await Expect(data.DownloadButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task YourDataPage_WrongConfirmationSubmitted_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var data = await YourDataPage.OpenAsync(session.Page);

        await data.Confirmation.FillAsync("not-my-name");
        await data.AskToDeleteButton.ClickAsync();
        await Expect(data.Confirmation).ToHaveAccessibleDescriptionAsync("This is not your username. Nothing was deleted.");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task UsernamePage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var username = await UsernamePage.OpenAsync(session.Page);
        await Expect(username.ChangeUsernameButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task UsernamePage_ReservedNameSubmitted_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var username = await UsernamePage.OpenAsync(session.Page);

        await username.ChangeUsernameAsync("admin", user.Password);
        await Expect(username.NewUserName).ToHaveAccessibleDescriptionAsync(new Regex("This username is reserved. Choose another.$"));

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task SessionsPage_ConfirmEndOthersWithSecondSession_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await using var otherDevice = await browser.SignedInOnAnotherDeviceAsync(user);

        var sessions = await SessionsPage.OpenConfirmEndOthersAsync(session.Page);
        await Expect(sessions.ConfirmEndOthersButton).ToBeVisibleAsync();
        await Expect(sessions.Sessions).ToHaveCountAsync(2);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task SecurityLogPage_WithEvents_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using (var failedAttempt = await browser.AnonymousAsync())
        {
            var login = await LoginPage.OpenAsync(failedAttempt.Page);
            await login.SignInAsync(user.UserName, "Wrong$Password1");
            await Expect(failedAttempt.Page).ToHaveURLAsync(LoginPage.Url);
        }
        await using var session = await browser.SignedInAsync(user);

        var log = await SecurityLogPage.OpenAsync(session.Page);
        await Expect(log.Events).ToHaveCountAsync(2);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task AvatarPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);
        await Expect(avatar.SetAsAvatarButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task AvatarPage_ImageChosen_CropAreaHasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);

        await avatar.ChooseAsync("photo.png", "image/png", TestImages.SolidPng(300, 200, (30, 120, 200)));
        await Expect(avatar.CropBox).ToBeVisibleAsync();
        await avatar.CropBox.FocusAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task AvatarPage_TextFileRefusedByTheServer_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var avatar = await AvatarPage.OpenAsync(session.Page);

        // The browser cannot decode it either (so no crop area), but the file stays chosen and is sent: the page
        // then shows the server's answer, rendered by the server.
        await avatar.ChooseAsync("x.png", "image/png", "not an image at all\n"u8.ToArray());
        await Expect(avatar.FileError).ToHaveTextAsync("This file is not a JPEG, PNG, WebP or GIF image.");
        var answer = await session.Page.RunAndWaitForResponseAsync(
            () => avatar.SetAsAvatarButton.ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains(AvatarPage.Path, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("This file is not a JPEG, PNG, WebP or GIF image.", await answer.TextAsync(), StringComparison.Ordinal);
        await Expect(session.Page.Locator("[data-valmsg-for='Input.File']")).ToHaveTextAsync("This file is not a JPEG, PNG, WebP or GIF image.");
        await Expect(avatar.File).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(avatar.CropArea).ToBeHiddenAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }
    [Fact]
    public async Task TokensPage_NoTokens_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var tokens = await TokensPage.OpenAsync(session.Page);
        await Expect(tokens.NoActiveTokens).ToBeVisibleAsync();
        await Expect(tokens.CreateButton).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task TokensPage_NewTokenShownWithActiveAndWithdrawnTokens_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await browser.Portal.CreateTokenAsync(user, description: "Old script");
        await browser.Portal.CreateTokenAsync(user, description: "Nightly sync");
        await using var session = await browser.SignedInAsync(user);
        var tokens = await TokensPage.OpenAsync(session.Page);
        await tokens.RevokeAsync("Old script");
        await Expect(tokens.WithdrawnToken("Old script")).ToHaveCountAsync(1);

        await tokens.CreateAsync("Backup script", read: true, write: true, expiresOn: null);
        await tokens.ReadNewTokenAsync();
        await Expect(tokens.CopyButton).ToBeVisibleAsync();
        await Expect(tokens.ActiveTokens).ToHaveCountAsync(2);
        await Expect(tokens.WithdrawnTokens).ToHaveCountAsync(1);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task TokensPage_NoScopeTicked_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var tokens = await TokensPage.OpenAsync(session.Page);

        await tokens.CreateAsync("Backup script", read: false, write: false, expiresOn: null);
        await Expect(tokens.ScopesError).ToHaveTextAsync("Choose at least one scope: Read or Write.");
        await Expect(tokens.NewToken).ToHaveCountAsync(0);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task TokensPage_ConfirmInvalidateAll_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await browser.Portal.CreateTokenAsync(user, description: "Nightly sync");
        await using var session = await browser.SignedInAsync(user);

        var tokens = await TokensPage.OpenConfirmInvalidateAllAsync(session.Page);
        await Expect(tokens.ConfirmInvalidateAllButton).ToBeVisibleAsync();
        await Expect(tokens.ActiveTokens).ToHaveCountAsync(1);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task TokenEditPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        var created = await browser.Portal.CreateTokenAsync(user, description: "Nightly sync");
        await using var session = await browser.SignedInAsync(user);

        await session.Page.GotoAsync($"{TokensPage.Path}/Edit/{created.Token.Id}");
        await Expect(session.Page.GetByLabel("Description (optional)")).ToHaveValueAsync("Nightly sync");
        await Expect(session.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save token" })).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task NotificationsPage_SignedIn_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var notifications = await NotificationsPage.OpenAsync(session.Page);
        await Expect(notifications.SendTestButton("Email")).ToBeVisibleAsync();
        await Expect(notifications.Instantly).ToBeCheckedAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task NotificationsPage_SecondTestRefusedWithADeliveryListed_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var notifications = await NotificationsPage.OpenAsync(session.Page);
        await notifications.SendTestAsync("Email");
        await Expect(notifications.Deliveries).ToHaveCountAsync(1);

        await notifications.SendTestAsync("Email");
        await Expect(notifications.FormError).ToHaveTextAsync("You sent a test to Email less than a minute ago. Wait a minute, then try again.");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task NotificationsPage_RightToLeftHebrew_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync(u => u.PreferredLanguage = "he");
        await using var session = await browser.SignedInAsync(user);
        var notifications = await NotificationsPage.OpenAsync(session.Page);
        await Expect(session.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        // Found by id: the labels are in Hebrew.
        await Expect(session.Page.Locator("#frequency-Instantly")).ToBeCheckedAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task ApiDocumentationPage_Anonymous_HasNoAxeViolations()
    {
        await using var session = await browser.AnonymousAsync();
        await session.Page.GotoAsync("/docs/api");
        await Expect(session.Page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "API documentation", Level = 1 })).ToBeVisibleAsync();
        await Expect(session.Page.GetByRole(AriaRole.Table, new PageGetByRoleOptions { Name = "Endpoints" })).ToBeVisibleAsync();
        // The examples scroll sideways on their own, so each is a named region the keyboard can reach and scroll.
        await Expect(session.Page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Example: read your profile" })).ToHaveAttributeAsync("tabindex", "0");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task PeoplePage_WithColleaguesAndStatusDots_HasNoAxeViolations()
    {
        var organization = await browser.Portal.CreateOrganizationAsync("Engineering", "Sales");
        await browser.CreateUserAsync(u => { u.FirstName = "Hedy"; u.Title = "Inventor"; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Sales"]; });
        var me = await browser.CreateUserAsync(u => u.OrganizationId = organization.Id);
        await using var session = await browser.SignedInAsync(me);
        var people = await PeoplePage.OpenAsync(session.Page);
        await Expect(people.People).ToHaveCountAsync(2);
        await Expect(people.Department).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task PersonCardPage_OwnCardWithHiddenFields_HasNoAxeViolations()
    {
        var organization = await browser.Portal.CreateOrganizationAsync("Engineering");
        var me = await browser.CreateUserAsync(u =>
        {
            u.Title = "Inventor"; u.Bio = "Frequency hopping."; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Engineering"];
            u.HiddenPeopleCardFields = ProfilePortal.Web.Features.People.PeopleCardFields.Bio;
        });
        await using var session = await browser.SignedInAsync(me);
        var card = await PersonCardPage.OpenAsync(session.Page, me.Id);
        await Expect(card.Title).ToHaveTextAsync("Inventor");
        await Expect(session.Page.GetByTestId("hidden-note")).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }
}
