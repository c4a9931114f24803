using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Security;

public sealed partial class SecurityJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string MinLength = "At least 8 characters";
    private const string MaxLength = "At most 256 characters";
    private const string Upper = "An upper-case letter";
    private const string Lower = "A lower-case letter";
    private const string Digit = "A digit";
    private const string Special = "One of these characters: @ $ ! % * ? &";

    [Fact]
    public async Task TypeNewPassword_ScriptEnhanced_ChecklistFollowsEveryKeystroke()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var security = await SecurityPage.OpenAsync(session.Page);

        await security.NewPassword.PressSequentiallyAsync("abc");
        await ExpectRulesAsync(security, met: [MaxLength, Lower], unmet: [MinLength, Upper, Digit, Special]);

        await security.NewPassword.FillAsync("");
        await security.NewPassword.PressSequentiallyAsync("Abcdefg1$");
        await ExpectRulesAsync(security, met: [MinLength, MaxLength, Upper, Lower, Digit, Special], unmet: []);

        await security.NewPassword.PressAsync("Backspace");
        await ExpectRulesAsync(security, met: [MinLength, MaxLength, Upper, Lower, Digit], unmet: [Special]);
    }

    [Fact]
    public async Task ShowNewPassword_ScriptEnhanced_RevealsTheTextAndReportsPressed()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var security = await SecurityPage.OpenAsync(session.Page);
        await security.NewPassword.FillAsync("Abcdefg1$");

        // Hidden in the markup (it needs JavaScript); site.js shows it, not pressed.
        await Expect(security.ShowNewPasswordButton).ToBeVisibleAsync();
        await Expect(security.ShowNewPasswordButton).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(security.NewPassword).ToHaveAttributeAsync("type", "password");

        await security.ShowNewPasswordButton.ClickAsync();
        await Expect(security.NewPassword).ToHaveAttributeAsync("type", "text");
        await Expect(security.ShowNewPasswordButton).ToHaveAttributeAsync("aria-pressed", "true");
        // A toggle button keeps its name and reports its state instead.
        await Expect(security.ShowNewPasswordButton).ToHaveAccessibleNameAsync("Show new password");
        await Expect(security.NewPassword).ToHaveValueAsync("Abcdefg1$");

        await security.ShowNewPasswordButton.ClickAsync();
        await Expect(security.NewPassword).ToHaveAttributeAsync("type", "password");
        await Expect(security.ShowNewPasswordButton).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task ChangePassword_SignOutOthersTicked_ThisBrowserStaysAndTheOtherLandsOnSignIn()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await using var otherDevice = await browser.SignedInOnAnotherDeviceAsync(user);
        var security = await SecurityPage.OpenAsync(session.Page);
        await Expect(security.SignOutOtherSessions).ToBeCheckedAsync();

        await security.ChangePasswordAsync(user.Password, "Brand$New9pass", "Brand$New9pass");

        await Expect(security.StatusMessage).ToHaveTextAsync("Your password has been changed, and 1 other session was signed out.");
        await ProfilePage.OpenAsync(session.Page);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);

        await ProfilePage.OpenAsync(otherDevice.Page);
        await Expect(otherDevice.Page).ToHaveURLAsync(LoginPage.Url);

        var stored = await browser.Portal.LoadUserAsync(user.Id);
        Assert.NotNull(stored.LastPasswordChangeAt);
        var newPasswordWorks = await browser.Portal.InScopeAsync(sp => sp.GetRequiredService<UserManager<AppUser>>().CheckPasswordAsync(stored, "Brand$New9pass"));
        Assert.True(newPasswordWorks, "The stored password is not the new one.");
    }

    private static async Task ExpectRulesAsync(SecurityPage security, string[] met, string[] unmet)
    {
        foreach (var rule in met)
        {
            await Expect(security.Rule(rule)).ToHaveClassAsync(MetClass());
            await Expect(security.RuleState(rule)).ToHaveTextAsync("(met)");
        }
        foreach (var rule in unmet)
        {
            await Expect(security.Rule(rule)).Not.ToHaveClassAsync(MetClass());
            await Expect(security.RuleState(rule)).ToHaveTextAsync("(not met)");
        }
        await Expect(security.PasswordRules.Locator("li")).ToHaveCountAsync(met.Length + unmet.Length);
    }

    [GeneratedRegex(@"\bmet\b")]
    private static partial Regex MetClass();
}
