using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Tests.Pages.Settings.TwoFactor;

/// <summary>/Settings/TwoFactor (SPEC 2.4): set up with a code, recovery codes shown once, new codes, turn off.</summary>
public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = TwoFactorJourney.SetupUrl;

    [Fact]
    public async Task Get_Off_ShowsStatusAndSetupButtonOnly()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Off", page.Text("[data-testid='two-factor-status']"));
        Assert.NotNull(page.FormWithHandler("Start"));
        Assert.Null(page.Document.QuerySelector("[data-testid='authenticator-key']"));
        Assert.Contains("Off", (await client.GetPageAsync("/Settings/Security")).Text("[data-testid='two-factor-summary']"));
    }

    [Fact]
    public async Task PostStart_ShowsQrCodeAsDataImageAndKeyInGroupsOfFour()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        await client.StartSetupAsync();
        var page = await client.GetPageAsync(Url);

        var grouped = page.Text("[data-testid='authenticator-key']");
        Assert.Matches("^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$", grouped);
        Assert.StartsWith("data:image/png;base64,", page.Document.QuerySelector("[data-testid='qr-code']")!.GetAttribute("src"));
        Assert.Contains($"Account: {user.Email}. Issuer: ProfilePortal.", page.Text("[data-testid='two-factor-setup']"));
        Assert.Null(page.Document.QuerySelector("main script"));
        Assert.False((await factory.LoadUserAsync(user.Id)).TwoFactorEnabled);
    }

    [Fact]
    public async Task PostEnable_WrongThenRightCode_ErrorUnderFieldThenOnWithTenCodesShownOnce()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var key = await client.StartSetupAsync();
        var wrong = factory.CodeAt(key) == "000000" ? "111111" : "000000";

        var refused = await HtmlPage.ParseAsync(await client.ConfirmSetupAsync(wrong));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("The code is not valid or was already used. Check the time on your phone and enter the current code.", refused.FieldError("Input.Code"));
        Assert.False((await factory.LoadUserAsync(user.Id)).TwoFactorEnabled);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TwoFactorEnabled);

        var shown = await client.FollowAsync(await client.ConfirmSetupAsync(factory.CodeAt(key)));

        Assert.Equal("Two-factor authentication is on. Save your recovery codes now: they will not be shown again.", shown.StatusMessage);
        var codes = TwoFactorJourney.RecoveryCodesOn(shown);
        Assert.Equal(10, codes.Count);
        Assert.All(codes, c => Assert.Matches("^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$", c));
        Assert.StartsWith("data:text/plain", shown.Document.QuerySelector("a[download='profileportal-recovery-codes.txt']")!.GetAttribute("href"));
        Assert.Contains("10 recovery codes left.", shown.Text("[data-testid='two-factor-status']"));
        Assert.True((await factory.LoadUserAsync(user.Id)).TwoFactorEnabled);
        var log = await factory.SecurityLogOfAsync(user.Id);
        Assert.Contains(log, e => e.Type == SecurityEventType.TwoFactorEnabled);
        Assert.Contains(log, e => e.Type == SecurityEventType.RecoveryCodesGenerated);

        // Once: a reload shows the status, not the codes.
        var again = await client.GetPageAsync(Url);
        Assert.Empty(TwoFactorJourney.RecoveryCodesOn(again));
        Assert.DoesNotContain(codes[0], again.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostEnable_EmptyOrMalformedCode_SaysWhatIsWrong()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.StartSetupAsync();

        Assert.Equal("Enter the 6-digit code from your authenticator app.", (await HtmlPage.ParseAsync(await client.ConfirmSetupAsync(""))).FieldError("Input.Code"));
        Assert.Equal("The code is 6 digits.", (await HtmlPage.ParseAsync(await client.ConfirmSetupAsync("12ab56"))).FieldError("Input.Code"));
    }

    [Fact]
    public async Task Storage_KeyAndRecoveryCodesAreNotInPlainText()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var enabled = await client.EnableTwoFactorAsync(factory);

        var rows = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserTokens.AsNoTracking()
            .Where(t => t.UserId == user.Id).ToListAsync());

        var everything = string.Join("\n", rows.Select(r => r.Name + "=" + r.Value));
        Assert.Contains(rows, r => r.Name == PortalUserStore.AuthenticatorKeyName && !string.IsNullOrEmpty(r.Value));
        Assert.Equal(10, rows.Count(r => r.Name.StartsWith(PortalUserStore.RecoveryCodeNamePrefix, StringComparison.Ordinal)));
        Assert.DoesNotContain(enabled.Key, everything, StringComparison.OrdinalIgnoreCase);
        foreach (var code in enabled.RecoveryCodes)
        {
            Assert.DoesNotContain(code, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), everything, StringComparison.OrdinalIgnoreCase);
        }

        // The stored key is what Identity reads back, decrypted.
        var readBack = await factory.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(user.Id.ToString()))!);
        });
        Assert.Equal(enabled.Key, readBack);
    }

    [Fact]
    public async Task PostRecoveryCodes_NewTenShownOnceAndOldOnesStopWorking()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var enabled = await client.EnableTwoFactorAsync(factory);

        var page = await client.GetPageAsync(Url);
        var shown = await client.FollowAsync(await client.PostFormAsync(page.FormWithHandler("RecoveryCodes"), new Dictionary<string, string>(), Url));

        Assert.Equal("New recovery codes are ready and the old ones no longer work. Save them now: they will not be shown again.", shown.StatusMessage);
        var fresh = TwoFactorJourney.RecoveryCodesOn(shown);
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(enabled.RecoveryCodes));
        Assert.Equal(2, (await factory.SecurityLogOfAsync(user.Id)).Count(e => e.Type == SecurityEventType.RecoveryCodesGenerated));

        var other = factory.CreateBrowserClient();
        var old = await HtmlPage.ParseAsync(await RecoveryStepAsync(other, user, enabled.RecoveryCodes[0]));
        Assert.Equal("This recovery code is not valid or was already used.", old.FieldError("Input.Code"));
        Assert.Equal(HttpStatusCode.Redirect, (await RecoveryStepAsync(factory.CreateBrowserClient(), user, fresh[0])).StatusCode);
    }

    [Fact]
    public async Task PostTurnOff_WithCurrentCode_OffAndSecretsGone()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var enabled = await client.EnableTwoFactorAsync(factory);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));

        var page = await client.FollowAsync(await TurnOffAsync(client, code: factory.CodeAt(enabled.Key)));

        Assert.Equal("Two-factor authentication is off. Your recovery codes no longer work.", page.StatusMessage);
        var stored = await factory.LoadUserAsync(user.Id);
        Assert.False(stored.TwoFactorEnabled);
        Assert.Null(stored.LastAuthenticatorTimeStep);
        Assert.Equal(0, await TokenRowsAsync(user.Id));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TwoFactorDisabled);
        // Password alone signs in again.
        Assert.Equal("/Settings/Profile", (await factory.CreateBrowserClient().PasswordStepAsync(user)).Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostTurnOff_WithPassword_Off()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await client.EnableTwoFactorAsync(factory);

        var page = await client.FollowAsync(await TurnOffAsync(client, password: user.Password));

        Assert.Equal("Two-factor authentication is off. Your recovery codes no longer work.", page.StatusMessage);
        Assert.False((await factory.LoadUserAsync(user.Id)).TwoFactorEnabled);
    }

    [Fact]
    public async Task PostTurnOff_WrongCodeWrongPasswordOrNothing_ErrorUnderFieldAndStaysOn()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var enabled = await client.EnableTwoFactorAsync(factory);

        // The code used to turn it on: already used, so refused.
        var replayed = await HtmlPage.ParseAsync(await TurnOffAsync(client, code: factory.CodeAt(enabled.Key)));
        Assert.Equal("The code is not valid or was already used.", replayed.FieldError("TurnOff.Code"));
        var wrongPassword = await HtmlPage.ParseAsync(await TurnOffAsync(client, password: "Wrong$Password1"));
        Assert.Equal("The password is incorrect.", wrongPassword.FieldError("TurnOff.Password"));
        var nothing = await HtmlPage.ParseAsync(await TurnOffAsync(client));
        Assert.Equal("Enter a code from your authenticator app or your password.", nothing.FieldError("TurnOff.Code"));

        var stored = await factory.LoadUserAsync(user.Id);
        Assert.True(stored.TwoFactorEnabled);
        Assert.Equal(2, stored.AccessFailedCount);
        Assert.Equal(11, await TokenRowsAsync(user.Id));
    }

    [Fact]
    public async Task PostEnable_ConfirmationOlderThanWindow_AsksForReauthenticationAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var key = await client.StartSetupAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await client.ConfirmSetupAsync(factory.CodeAt(key));

        Assert.StartsWith("/Account/Reauthenticate?returnUrl=", response.Headers.Location?.ToString());
        Assert.False((await factory.LoadUserAsync(user.Id)).TwoFactorEnabled);
    }

    private static async Task<HttpResponseMessage> TurnOffAsync(HttpClient client, string code = "", string password = "")
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("TurnOff"),
            new Dictionary<string, string> { ["TurnOff.Code"] = code, ["TurnOff.Password"] = password }, Url);
    }

    internal static async Task<HttpResponseMessage> RecoveryStepAsync(HttpClient client, TestUser user, string code)
    {
        await client.PasswordStepAsync(user);
        return await client.SubmitFormAsync("/Account/LoginWithRecoveryCode", new Dictionary<string, string> { ["Input.Code"] = code });
    }

    private Task<int> TokenRowsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserTokens.CountAsync(t => t.UserId == userId));
}
