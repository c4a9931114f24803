using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

public class LoginTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Mismatch = "The email address or username and password do not match.";

    [Fact]
    public async Task Post_Username_SignsInAndRecordsLastSignIn()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync(user.UserName, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Profile", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.NotNull(saved.LastSignInAt);
        Assert.InRange(saved.LastSignInAt!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Post_SameAccountOnSixDevicesAtOnce_AllSignIn()
    {
        var user = await factory.CreateUserAsync();
        var devices = Enumerable.Range(0, 6).Select(_ => factory.CreateBrowserClient()).ToList();
        var forms = await Task.WhenAll(devices.Select(async d => (await d.GetPageAsync("/Account/Login")).Form("Input.Login")));

        var responses = await Task.WhenAll(devices.Select((d, i) => d.PostFormAsync(forms[i], Credentials(user.UserName, user.Password), "/Account/Login")));

        Assert.All(responses, r => Assert.Equal("/Settings/Profile", r.Headers.Location?.ToString()));
        foreach (var device in devices)
            Assert.Equal(HttpStatusCode.OK, (await device.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task Post_EmailInAnyCase_SignsIn()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync(user.Email.ToUpperInvariant(), user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Profile", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_ReturnUrl_RedirectsThereOnlyWhenLocal()
    {
        var user = await factory.CreateUserAsync();
        var local = factory.CreateBrowserClient();
        var foreign = factory.CreateBrowserClient();

        var toLocal = await local.SubmitFormAsync("/Account/Login?returnUrl=%2FSettings%2FProfile%3Fx%3D1", Credentials(user.UserName, user.Password));
        var toForeign = await foreign.SubmitFormAsync("/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F", Credentials(user.UserName, user.Password));

        Assert.Equal("/Settings/Profile?x=1", toLocal.Headers.Location!.ToString());
        Assert.Equal("/Settings/Profile", toForeign.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("wrong-password")]
    [InlineData("")]
    public async Task Post_WrongPassword_ShowsMessageAndStaysSignedOut(string password)
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var page = await client.SubmitAndReadAsync("/Account/Login", Credentials(user.UserName, password));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        if (password.Length == 0) Assert.Equal("Enter your password.", page.FieldError("Input.Password"));
        else Assert.Equal(Mismatch, page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task Post_UnknownAccount_ShowsSameMessageAsWrongPassword()
    {
        var client = factory.CreateBrowserClient();

        var page = await client.SubmitAndReadAsync("/Account/Login", Credentials("nobody-" + Guid.NewGuid().ToString("N")[..8], "Whatever1!"));

        Assert.Equal(Mismatch, page.FormError);
    }

    [Fact]
    public async Task Post_FiveFailures_LocksAccountEvenForTheRightPasswordAndShowsLocked()
    {
        var user = await factory.CreateUserAsync();
        var signedIn = await factory.SignedInClientAsync(user);
        var attacker = factory.CreateBrowserClient();

        for (var i = 0; i < 4; i++)
        {
            var page = await attacker.SubmitAndReadAsync("/Account/Login", Credentials(user.UserName, "wrong-" + i));
            Assert.Equal(Mismatch, page.FormError);
        }

        var fifth = await attacker.SubmitFormAsync("/Account/Login", Credentials(user.UserName, "wrong-5"));
        var sixth = await attacker.SubmitFormAsync("/Account/Login", Credentials(user.UserName, user.Password));

        Assert.Equal("/Account/Lockout", fifth.Headers.Location!.ToString());
        Assert.Equal("/Account/Lockout", sixth.Headers.Location!.ToString());
        var lockoutPage = await attacker.FollowAsync(sixth);
        Assert.Contains("This account is locked after too many failed sign-in attempts. Try again in 15 minutes", lockoutPage.Text("main"));
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.InRange(saved.LockoutEnd!.Value, DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));
        // The person's own signed-in session sees the status on the profile.
        var profile = await signedIn.GetPageAsync("/Settings/Profile");
        Assert.Equal("LOCKED", profile.Text("[data-testid='account-status']"));
    }

    // Five wrong passwords showed the lockout page for an account and "do not match" for ever for a made-up login (or a
    // disabled account): the answers told anyone which logins have an account (SPEC 2.10).
    [Theory]
    [InlineData("unknown username")]
    [InlineData("unknown email")]
    [InlineData("disabled account")]
    public async Task Post_FiveFailuresForAnUnusableLogin_ShowTheLockoutPageAsForAnAccount(string kind)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var login = kind switch
        {
            "unknown username" => "nobody-" + suffix,
            "unknown email" => $"nobody-{suffix}@example.com",
            _ => (await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow)).UserName,
        };
        var attacker = factory.CreateBrowserClient();

        for (var i = 0; i < 4; i++)
        {
            var page = await attacker.SubmitAndReadAsync("/Account/Login", Credentials(login, "wrong-" + i));
            Assert.Equal(Mismatch, page.FormError);
        }

        var fifth = await attacker.SubmitFormAsync("/Account/Login", Credentials(login, "wrong-5"));
        var sixth = await attacker.SubmitFormAsync("/Account/Login", Credentials(login.ToUpperInvariant(), "wrong-6"));

        Assert.Equal("/Account/Lockout", fifth.Headers.Location?.ToString());
        Assert.Equal("/Account/Lockout", sixth.Headers.Location?.ToString());
        var lockoutPage = await attacker.FollowAsync(sixth);
        Assert.Contains("This account is locked after too many failed sign-in attempts. Try again in 15 minutes", lockoutPage.Text("main"));
    }

    [Fact]
    public async Task Post_UnknownLoginAfterItsLockoutTime_IsRefusedAsAMismatchAgain()
    {
        await using var own = new PortalFactory();
        var attacker = own.CreateBrowserClient();
        var login = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage fifth = null!;
        for (var i = 0; i < 5; i++) fifth = await attacker.SubmitFormAsync("/Account/Login", Credentials(login, "wrong-" + i));
        Assert.Equal("/Account/Lockout", fifth.Headers.Location?.ToString());

        own.Clock.Advance(TimeSpan.FromMinutes(15));
        var page = await attacker.SubmitAndReadAsync("/Account/Login", Credentials(login, "wrong-again"));

        Assert.Equal(Mismatch, page.FormError);
    }

    [Fact]
    public async Task Post_DisabledAccountRightPasswordWhileItsLoginIsLocked_IsRefusedAsLocked()
    {
        var user = await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow);
        var attacker = factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++) await attacker.SubmitFormAsync("/Account/Login", Credentials(user.UserName, "wrong-" + i));

        var rightPassword = await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password);

        Assert.Equal("/Account/Lockout", rightPassword.Headers.Location?.ToString());
    }

    // Identity counted a failure by saving the loaded user under its concurrency stamp: of wrong passwords sent at the
    // same moment all but one failed to save and did not count (ten at once counted 0 to 3), so guessing in parallel
    // escaped the lockout.
    [Fact]
    public async Task Post_TenWrongPasswordsAtOnce_AllCountAndTheAccountLocks()
    {
        var user = await factory.CreateUserAsync();
        var attackers = Enumerable.Range(0, 10).Select(_ => factory.CreateBrowserClient()).ToList();
        var forms = await Task.WhenAll(attackers.Select(async a => (await a.GetPageAsync("/Account/Login")).Form("Input.Login")));

        await Task.WhenAll(attackers.Select((a, i) => a.PostFormAsync(forms[i], Credentials(user.UserName, "wrong-" + i), "/Account/Login")));
        var rightPassword = await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password);

        var saved = await factory.LoadUserAsync(user.Id);
        Assert.True(saved.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14), $"not locked: {saved.AccessFailedCount} failures counted");
        Assert.Equal("/Account/Lockout", rightPassword.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Post_LockoutExpired_SignsInAgainAndStatusIsActive()
    {
        var user = await factory.CreateUserAsync(u => u.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(-1));
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync(user.UserName, user.Password);

        Assert.Equal("/Settings/Profile", response.Headers.Location!.ToString());
        Assert.Equal("ACTIVE", (await client.GetPageAsync("/Settings/Profile")).Text("[data-testid='account-status']"));
    }

    [Fact]
    public async Task Post_DisabledAccount_IsRefusedWithMessage()
    {
        var user = await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow);
        var client = factory.CreateBrowserClient();

        var page = await client.SubmitAndReadAsync("/Account/Login", Credentials(user.UserName, user.Password));

        Assert.Equal("This account is disabled. Contact your administrator.", page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task PostLogout_SignedIn_SignsOutAndProfileNeedsSignInAgain()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());
        var login = await client.FollowAsync(response);

        Assert.Equal("You have signed out.", login.StatusMessage);
        // The browser drops what it cached or stored while signed in (ASVS 8.2.3).
        Assert.Equal("\"cache\", \"storage\"", Assert.Single(response.Headers.GetValues("Clear-Site-Data")));
        var profile = await client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains("/Account/Login", profile.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_SignInPage_HasLabelledFieldsAndPasswordManagerHints()
    {
        var page = await factory.CreateBrowserClient().GetPageAsync("/Account/Login");

        // "webauthn": the browser's autofill also offers passkeys there (conditional mediation).
        Assert.Equal("username webauthn", page.Document.QuerySelector("#Input_Login")!.GetAttribute("autocomplete"));
        Assert.Equal("current-password", page.Document.QuerySelector("#Input_Password")!.GetAttribute("autocomplete"));
        Assert.NotNull(page.Document.QuerySelector("label[for='Input_Login']"));
        Assert.NotNull(page.Document.QuerySelector("label[for='Input_Password']"));
        Assert.NotNull(page.Document.QuerySelector("input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task Get_AccessDenied_Returns403Page()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/Account/AccessDenied");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You do not have permission to see this page.", await response.Content.ReadAsStringAsync());
    }

    // Issue 11, defect 2: signing in as B in a browser holding A's session used to renew A's row with B's ticket, a
    // session B could not see or end and that outlived B being disabled.
    [Fact]
    public async Task Post_SecondPersonInSignedInBrowser_EndsFirstSessionAndStartsOneOfTheirOwn()
    {
        var first = await factory.CreateUserAsync();
        var second = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory);
        await browser.Client.SignInAsync(first);
        var firstKey = browser.Cookie("ProfilePortal.Auth");
        // A signed-in browser is not shown the sign-in form; any of its pages carries a valid antiforgery token.
        var anyPage = await browser.Client.GetPageAsync("/Settings/Profile");

        var response = await browser.Client.PostWithTokenAsync(anyPage, "/Account/Login", Credentials(second.UserName, second.Password));

        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
        Assert.NotEqual(firstKey, browser.Cookie("ProfilePortal.Auth"));
        Assert.Empty(await SessionIdsAsync(first.Id));
        var secondSession = Assert.Single(await SessionIdsAsync(second.Id));
        var sessions = await browser.Client.GetPageAsync("/Settings/Sessions");
        Assert.Contains(second.Email, sessions.Text("header"));
        Assert.Single(sessions.Document.QuerySelectorAll("[data-testid='sessions'] li [data-testid='current-session']"));

        // The first person's old key no longer opens anything.
        var replay = await CookieJarClient.WithCookieHeader(factory, "ProfilePortal.Auth=" + firstKey).GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);

        // The second person's "end all other sessions" elsewhere ends it.
        var elsewhere = new CookieJarClient(factory);
        await elsewhere.Client.SignInAsync(second);
        var confirm = await elsewhere.Client.GetPageAsync("/Settings/Sessions?confirm=true");
        await elsewhere.Client.PostFormAsync(confirm.FormWithHandler("EndOthers"), new Dictionary<string, string>(), "/Settings/Sessions");
        Assert.DoesNotContain(secondSession, await SessionIdsAsync(second.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task Post_SecondPersonInSignedInBrowser_DisablingThemEndsThatSession()
    {
        var first = await factory.CreateUserAsync();
        var second = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory);
        await browser.Client.SignInAsync(first);
        var anyPage = await browser.Client.GetPageAsync("/Settings/Profile");
        await browser.Client.PostWithTokenAsync(anyPage, "/Account/Login", Credentials(second.UserName, second.Password));
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Settings/Profile")).StatusCode);

        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == second.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/Settings/Profile")).StatusCode);
    }

    private Task<List<Guid>> SessionIdsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync());

    private static Dictionary<string, string> Credentials(string login, string password)
        => new() { ["Input.Login"] = login, ["Input.Password"] = password };
}
