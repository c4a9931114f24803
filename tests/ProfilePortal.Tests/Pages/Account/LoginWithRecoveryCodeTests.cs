using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using TwoFactorSettingsTests = ProfilePortal.Tests.Pages.Settings.TwoFactor.IndexTests;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>Signing in with a recovery code: each works once, the log says how many are left, wrong ones count.</summary>
public class LoginWithRecoveryCodeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PostCode_Valid_SignsInOnceAndLogsCodesLeft()
    {
        var user = await factory.CreateUserAsync();
        var enabled = await (await factory.SignedInClientAsync(user)).EnableTwoFactorAsync(factory);
        var client = factory.CreateBrowserClient();

        // Typed in capitals and without dashes: still the code.
        var response = await TwoFactorSettingsTests.RecoveryStepAsync(client, user, enabled.RecoveryCodes[3].Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());

        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
        var used = Assert.Single(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.RecoveryCodeUsed);
        Assert.Equal("9", used.Detail);
        Assert.Contains("9 recovery codes left.", (await client.GetPageAsync("/Settings/TwoFactor")).Text("[data-testid='two-factor-status']"));

        var again = await HtmlPage.ParseAsync(await TwoFactorSettingsTests.RecoveryStepAsync(factory.CreateBrowserClient(), user, enabled.RecoveryCodes[3]));
        Assert.Equal("This recovery code is not valid or was already used.", again.FieldError("Input.Code"));
    }

    [Fact]
    public async Task PostCode_SameCodeFromTwoBrowsersAtOnce_OnlyOneSignsIn()
    {
        var user = await factory.CreateUserAsync();
        var enabled = await (await factory.SignedInClientAsync(user)).EnableTwoFactorAsync(factory);
        var browsers = new[] { factory.CreateBrowserClient(), factory.CreateBrowserClient(), factory.CreateBrowserClient() };
        var pages = new List<HtmlPage>();
        foreach (var browser in browsers)
        {
            await browser.PasswordStepAsync(user);
            pages.Add(await browser.GetPageAsync("/Account/LoginWithRecoveryCode"));
        }

        var answers = await Task.WhenAll(browsers.Select((b, i) => b.PostFormAsync(pages[i].MainForm(),
            new Dictionary<string, string> { ["Input.Code"] = enabled.RecoveryCodes[0] }, "/Account/LoginWithRecoveryCode")));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
    }

    [Fact]
    public async Task PostCode_Wrong_ErrorUnderFieldLoggedAndCounted()
    {
        var user = await factory.CreateUserAsync();
        await (await factory.SignedInClientAsync(user)).EnableTwoFactorAsync(factory);

        var page = await HtmlPage.ParseAsync(await TwoFactorSettingsTests.RecoveryStepAsync(factory.CreateBrowserClient(), user, "aaaa-bbbb-cccc-dddd"));

        Assert.Equal("This recovery code is not valid or was already used.", page.FieldError("Input.Code"));
        Assert.Equal(1, (await factory.LoadUserAsync(user.Id)).AccessFailedCount);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TwoFactorFailed);
    }
}
