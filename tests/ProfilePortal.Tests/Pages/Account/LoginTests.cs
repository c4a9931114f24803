using System.Net;
using ProfilePortal.Tests.Infrastructure;

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
        var profile = await client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, profile.StatusCode);
        Assert.Contains("/Account/Login", profile.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_SignInPage_HasLabelledFieldsAndPasswordManagerHints()
    {
        var page = await factory.CreateBrowserClient().GetPageAsync("/Account/Login");

        Assert.Equal("username", page.Document.QuerySelector("#Input_Login")!.GetAttribute("autocomplete"));
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

    private static Dictionary<string, string> Credentials(string login, string password)
        => new() { ["Input.Login"] = login, ["Input.Password"] = password };
}
