using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>
/// The second sign-in step (SPEC 2.10): a code from the app, accepted once (no replay within its window), the step
/// either side accepted for clock drift, wrong codes towards the lockout, and "remember this browser".
/// </summary>
public class LoginWith2faTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private async Task<(TestUser User, TwoFactorKey Key)> PersonWithTwoFactorAsync()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var key = await client.EnableTwoFactorAsync(factory);
        // The code that turned it on is used up; the next sign-in needs the next one.
        factory.Clock.Advance(Step);
        return (user, key);
    }

    [Fact]
    public async Task PostLogin_TwoFactorOn_GoesToSecondStepWithoutSigningIn()
    {
        var (user, _) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();

        var response = await client.PasswordStepAsync(user, "/Settings/Sessions");

        Assert.Equal("/Account/LoginWith2fa?returnUrl=%2FSettings%2FSessions&rememberMe=False", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.SignInFailed);
    }

    [Fact]
    public async Task PostCode_Right_SignsInWithSessionLastSignInAndLogToReturnUrl()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();
        var before = (await SignInSucceededAsync(user.Id));

        var second = await client.PasswordStepAsync(user, "/Settings/Sessions");
        var response = await client.SubmitCodeAsync(second.Headers.Location!.ToString(), factory.CodeAt(key.Key));

        Assert.Equal("/Settings/Sessions", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(before + 1, await SignInSucceededAsync(user.Id));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, (await factory.LoadUserAsync(user.Id)).LastSignInAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal(2, await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync(s => s.UserId == user.Id)));
    }

    [Fact]
    public async Task PostCode_ForeignReturnUrl_GoesToProfile()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();

        await client.PasswordStepAsync(user);
        var response = await client.SubmitCodeAsync("/Account/LoginWith2fa?returnUrl=https%3A%2F%2Fevil.example%2F", factory.CodeAt(key.Key));

        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostCode_SameCodeTwice_SecondRefusedAsReplay()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var code = factory.CodeAt(key.Key);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInWithCodeAsync(user, code)).StatusCode);

        var replay = await HtmlPage.ParseAsync(await factory.CreateBrowserClient().SignInWithCodeAsync(user, code));

        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal("The code is not valid or was already used. Enter the current code from your authenticator app.", replay.FieldError("Input.Code"));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TwoFactorFailed);
    }

    [Fact]
    public async Task PostCode_EarlierStepThanOneAlreadyUsed_Refused()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInWithCodeAsync(user, factory.CodeAt(key.Key, steps: 1))).StatusCode);

        // Still within its window, but older than the one accepted.
        var response = await factory.CreateBrowserClient().SignInWithCodeAsync(user, factory.CodeAt(key.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task PostCode_OneStepAway_Accepted(int steps)
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        // Past the step the setup used, so the step before now is still unused.
        factory.Clock.Advance(Step);

        var response = await factory.CreateBrowserClient().SignInWithCodeAsync(user, factory.CodeAt(key.Key, steps));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    public async Task PostCode_TwoStepsAway_Refused(int steps)
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        factory.Clock.Advance(Step * 3);

        var page = await HtmlPage.ParseAsync(await factory.CreateBrowserClient().SignInWithCodeAsync(user, factory.CodeAt(key.Key, steps)));

        Assert.Equal("The code is not valid or was already used. Enter the current code from your authenticator app.", page.FieldError("Input.Code"));
    }

    [Fact]
    public async Task PostCode_WrongFiveTimes_LocksTheAccountAndLogs()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();
        var second = (await client.PasswordStepAsync(user)).Headers.Location!.ToString();
        var wrong = factory.CodeAt(key.Key) == "000000" ? "111111" : "000000";

        HttpResponseMessage response = null!;
        for (var attempt = 0; attempt < 5; attempt++) response = await client.SubmitCodeAsync(second, wrong);

        Assert.Equal("/Account/Lockout", response.Headers.Location?.ToString());
        Assert.True((await factory.LoadUserAsync(user.Id)).LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        var log = await factory.SecurityLogOfAsync(user.Id);
        Assert.Equal(5, log.Count(e => e.Type == SecurityEventType.TwoFactorFailed));
        Assert.Contains(log, e => e.Type == SecurityEventType.AccountLockedOut);
        // While locked, even the right password and code do not sign in.
        Assert.Equal("/Account/Lockout", (await factory.CreateBrowserClient().PasswordStepAsync(user)).Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostCode_RememberBrowser_NextSignInSkipsCodeButNotAfterThirtyDays()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInWithCodeAsync(user, factory.CodeAt(key.Key), rememberBrowser: true)).StatusCode);
        await client.SignOutAsync();

        var remembered = await client.PasswordStepAsync(user);
        Assert.Equal("/Settings/Profile", remembered.Headers.Location?.ToString());
        // Another browser is not remembered.
        Assert.StartsWith("/Account/LoginWith2fa", (await factory.CreateBrowserClient().PasswordStepAsync(user)).Headers.Location?.ToString());

        await client.SignOutAsync();
        factory.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var expired = await client.PasswordStepAsync(user);
        Assert.StartsWith("/Account/LoginWith2fa", expired.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Get_WithoutPasswordStep_GoesToSignIn()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/Account/LoginWith2fa");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.ToString());
        Assert.DoesNotContain("LoginWith2fa", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task PostReauthenticate_WithCode_Confirms()
    {
        var (user, key) = await PersonWithTwoFactorAsync();
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInWithCodeAsync(user, factory.CodeAt(key.Key))).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var page = await client.GetPageAsync("/Account/Reauthenticate?returnUrl=%2FSettings%2FTwoFactor");
        var wrong = await HtmlPage.ParseAsync(await client.PostFormAsync(page.FormWithHandler("Code"),
            new Dictionary<string, string> { ["CodeInput.Code"] = factory.CodeAt(key.Key, -40) }, "/Account/Reauthenticate"));
        Assert.Equal("The code is not valid or was already used.", wrong.FieldError("CodeInput.Code"));

        var response = await client.PostFormAsync(page.FormWithHandler("Code"),
            new Dictionary<string, string> { ["CodeInput.Code"] = factory.CodeAt(key.Key) }, "/Account/Reauthenticate");
        Assert.Equal("/Settings/TwoFactor", response.Headers.Location?.ToString());
        Assert.Equal("Identity confirmed with your authenticator code. You can now do what you started again.", (await client.FollowAsync(response)).StatusMessage);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.Reauthenticated && e.Detail == "code");
    }

    private async Task<int> SignInSucceededAsync(Guid userId)
        => (await factory.SecurityLogOfAsync(userId)).Count(e => e.Type == SecurityEventType.SignInSucceeded);
}
