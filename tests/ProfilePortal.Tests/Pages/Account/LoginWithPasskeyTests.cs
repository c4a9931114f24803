using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>"Sign in with a passkey" (SPEC 2.10): the server's side of the journey, with a software authenticator.</summary>
public class LoginWithPasskeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string LoginUrl = "/Account/Login";
    private const string NotVerified = "The passkey could not be verified. Try again, or sign in with your password.";

    private async Task<(TestUser User, SoftwarePasskey Passkey)> UserWithPasskeyAsync(Action<AppUser>? customize = null, string name = "Laptop")
    {
        var user = await factory.CreateUserAsync(customize);
        var passkey = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, passkey, name);
        return (user, passkey);
    }

    private static async Task<string> RequestOptionsAsync(HttpClient client)
    {
        var response = await client.PostForOptionsAsync(LoginUrl, "PasskeyOptions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string credentialJson, string? returnUrl = null)
    {
        var page = await client.GetPageAsync(LoginUrl);
        var url = LoginUrl + "?handler=Passkey" + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl));
        return await client.PostWithTokenAsync(page, url, new Dictionary<string, string> { ["PasskeyCredential"] = credentialJson });
    }

    private static async Task<HttpResponseMessage> SignInWithAsync(HttpClient client, SoftwarePasskey passkey, Guid userId, string? returnUrl = null)
        => await PostAnswerAsync(client, passkey.Assert(await RequestOptionsAsync(client), userId), returnUrl);

    [Fact]
    public async Task GetLogin_Anonymous_OffersPasskeysThroughTheButtonAndAutofillAndExplainsWhenUnavailable()
    {
        var page = await factory.CreateBrowserClient().GetPageAsync(LoginUrl);

        Assert.Equal("username webauthn", page.Document.QuerySelector("#Input_Login")!.GetAttribute("autocomplete"));
        var form = page.FormWithHandler("Passkey");
        Assert.True(form.HasAttribute("hidden"), "the passkey form is shown before the script knows the browser supports passkeys");
        Assert.Equal("Sign in with a passkey", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Contains("Passkeys are not available in this browser", page.Text("[data-passkey-unavailable]"), StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("script[src^='/js/passkeys.js']"));
    }

    [Fact]
    public async Task PostPasskeyOptions_Anonymous_AsksForAUserVerifiedPasskeyOfThisSite()
    {
        var options = JsonNode.Parse(await RequestOptionsAsync(factory.CreateBrowserClient()))!;

        Assert.Equal("localhost", options["rpId"]!.GetValue<string>());
        Assert.Equal("required", options["userVerification"]!.GetValue<string>());
        Assert.True(options["challenge"]!.GetValue<string>().Length >= 43, "the challenge is shorter than 32 bytes");
    }

    [Fact]
    public async Task PostPasskeyOptions_WithoutAntiforgeryToken_IsRefused()
    {
        var response = await factory.CreateBrowserClient().PostAsync(LoginUrl + "?handler=PasskeyOptions", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostPasskey_ValidAnswer_SignsInWithoutTwoFactorStepAndRecordsTheUse()
    {
        var (user, passkey) = await UserWithPasskeyAsync(u => u.TwoFactorEnabled = true);
        var client = factory.CreateBrowserClient();

        var response = await SignInWithAsync(client, passkey, user.Id, returnUrl: "/Settings/Sessions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Sessions", response.Headers.Location?.ToString());
        var sessions = await client.FollowAsync(response);
        Assert.Equal(HttpStatusCode.OK, sessions.Status);
        Assert.Single(sessions.Document.QuerySelectorAll("[data-testid='sessions'] li"));
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal([$"{passkey.Id}|Laptop|{now:yyyy-MM-dd HH:mm:ss}"], await factory.PasskeysOfAsync(user.Id));
        Assert.Equal(now, (await factory.LoadUserAsync(user.Id)).LastSignInAt!.Value, TimeSpan.FromMilliseconds(1));
        var signIn = Assert.Single(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.SignInWithPasskey);
        Assert.Equal("Laptop", signIn.Detail);
    }

    [Fact]
    public async Task PostPasskey_SameAnswerTwice_SecondIsRefused()
    {
        var (user, passkey) = await UserWithPasskeyAsync();
        var client = factory.CreateBrowserClient();
        var answer = passkey.Assert(await RequestOptionsAsync(client), user.Id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAnswerAsync(client, answer)).StatusCode);

        var replay = factory.CreateBrowserClient();
        await RequestOptionsAsync(replay);
        var page = await HtmlPage.ParseAsync(await PostAnswerAsync(replay, answer));

        Assert.Equal(NotVerified, page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":{}}")]
    [InlineData("")]
    public async Task PostPasskey_ForgedOrGarbageAnswer_ShowsAClearErrorAndSignsNobodyIn(string credentialJson)
    {
        var client = factory.CreateBrowserClient();
        await RequestOptionsAsync(client);

        var page = await HtmlPage.ParseAsync(await PostAnswerAsync(client, credentialJson));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(NotVerified, page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task PostPasskey_WithoutOptionsAskedFor_IsRefused()
    {
        var (user, passkey) = await UserWithPasskeyAsync();
        var other = factory.CreateBrowserClient();
        var answer = passkey.Assert(await RequestOptionsAsync(other), user.Id);

        // The challenge lives in the browser that asked for it; another browser cannot use the answer.
        var page = await HtmlPage.ParseAsync(await PostAnswerAsync(factory.CreateBrowserClient(), answer));

        Assert.Equal(NotVerified, page.FormError);
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("http://localhost", "evil.example")]
    public async Task PostPasskey_AnswerForAnotherSite_IsRefused(string origin, string? rpId)
    {
        var (user, passkey) = await UserWithPasskeyAsync();
        var client = factory.CreateBrowserClient();

        var page = await HtmlPage.ParseAsync(await PostAnswerAsync(client, passkey.Assert(await RequestOptionsAsync(client), user.Id, origin, rpId)));

        Assert.Equal(NotVerified, page.FormError);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.SignInWithPasskey);
    }

    [Fact]
    public async Task PostPasskey_UnknownPasskey_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        using var stranger = new SoftwarePasskey();
        var client = factory.CreateBrowserClient();

        var page = await HtmlPage.ParseAsync(await SignInWithAsync(client, stranger, user.Id));

        Assert.Equal(NotVerified, page.FormError);
    }

    [Fact]
    public async Task PostPasskey_DisabledAccount_RefusedWithThePasswordSignInsMessage()
    {
        var (user, passkey) = await UserWithPasskeyAsync(u => u.DisabledAt = DateTime.UtcNow);
        var client = factory.CreateBrowserClient();

        var page = await HtmlPage.ParseAsync(await SignInWithAsync(client, passkey, user.Id));

        Assert.Equal("This account is disabled. Contact your administrator.", page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal([$"{passkey.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.SignInWhileDisabled);
    }

    [Fact]
    public async Task PostPasskey_LockedAccount_GoesToTheLockoutPage()
    {
        var (user, passkey) = await UserWithPasskeyAsync();
        await factory.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id.ToString()))!, DateTimeOffset.UtcNow.AddMinutes(10));
        });
        var client = factory.CreateBrowserClient();

        var response = await SignInWithAsync(client, passkey, user.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", response.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.SignInWhileLocked);
    }

    [Fact]
    public async Task SupportsUserPasskey_WithThePortalsStore_IsTrue()
        => Assert.True(await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UserManager<AppUser>>().SupportsUserPasskey)));
}
