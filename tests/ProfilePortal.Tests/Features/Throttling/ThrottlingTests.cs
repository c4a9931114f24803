using System.Net;
using System.Security.Cryptography;
using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Throttling;

/// <summary>Small limits with a ten-minute window (the limiters run on real time, so no test waits for a window to end).</summary>
public sealed class SmallThrottleFactory : CommandCountingFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Throttling:SignIn:PerIp:PermitLimit"] = "4",
        ["Throttling:SignIn:PerIp:Window"] = "00:10:00",
        ["Throttling:SignIn:PerAccount:PermitLimit"] = "3",
        ["Throttling:SignIn:PerAccount:Window"] = "00:10:00",
        ["Throttling:ForgotPassword:PerIp:PermitLimit"] = "3",
        ["Throttling:ForgotPassword:PerIp:Window"] = "00:10:00",
        ["Throttling:ForgotPassword:PerAccount:PermitLimit"] = "2",
        ["Throttling:ForgotPassword:PerAccount:Window"] = "00:10:00",
        ["Throttling:ApiAuthenticationFailures:PerIp:PermitLimit"] = "3",
        ["Throttling:ApiAuthenticationFailures:PerIp:Window"] = "00:10:00",
    };
}

/// <summary>SPEC 2.10 and 2.6: sign-in, password reset and API token guessing are limited per client address and per account.</summary>
public class ThrottlingTests(SmallThrottleFactory factory) : IClassFixture<SmallThrottleFactory>
{
    private const string Mismatch = "The email address or username and password do not match.";
    private const string TooMany = "Too many attempts. Try again in 10 minutes.";

    [Fact]
    public async Task PostLogin_OverThePerAccountLimit_Is429WithRetryAfter_ForKnownAndUnknownLoginsAlike()
    {
        var user = await factory.CreateUserAsync();
        var unknown = "nobody-" + Guid.NewGuid().ToString("N")[..8];

        // Every attempt from another address: only the account's allowance (3) is used up.
        var known = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) known.Add(await SignInFromAsync(NewAddress(), user.UserName, "wrong-" + i));
        var knownRightPassword = await SignInFromAsync(NewAddress(), user.UserName, user.Password);
        var unknownAttempts = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++) unknownAttempts.Add(await SignInFromAsync(NewAddress(), unknown.ToUpperInvariant(), "wrong-" + i));

        foreach (var attempt in known.Concat(unknownAttempts.Take(3)))
        {
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Equal(Mismatch, (await HtmlPage.ParseAsync(attempt)).FormError);
        }

        // The right password is not even tried once the account's allowance is used up.
        foreach (var refused in new[] { knownRightPassword, unknownAttempts[3] })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
            var page = await HtmlPage.ParseAsync(refused);
            Assert.Equal(TooMany, page.FormError);
            Assert.NotNull(page.Document.QuerySelector("input[name='Input.Login']"));
        }

        Assert.Null((await factory.LoadUserAsync(user.Id)).LastSignInAt);
    }

    [Fact]
    public async Task PostLogin_OverThePerIpLimit_Is429AndOtherAddressesStillSignIn()
    {
        var user = await factory.CreateUserAsync();
        var busy = NewAddress();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await SignInFromAsync(busy, "nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong")).StatusCode);
        var fromBusyAddress = await SignInFromAsync(busy, user.UserName, user.Password);
        var fromElsewhere = await SignInFromAsync(NewAddress(), user.UserName, user.Password);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromBusyAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
        Assert.Equal("/Settings/Profile", fromElsewhere.Headers.Location!.ToString());
    }

    [Fact]
    public async Task PostPasskey_OverThePerIpLimit_Is429_SharingTheAddressesSignInAllowance()
    {
        var user = await factory.CreateUserAsync();
        var busy = NewAddress();

        // A passkey answer names no account until it is verified: it counts against the address only.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++) answers.Add(await PasskeyAnswerFromAsync(busy, "{}"));
        var passwordFromBusyAddress = await SignInFromAsync(busy, user.UserName, user.Password);
        var answerFromElsewhere = await PasskeyAnswerFromAsync(NewAddress(), "{}");

        foreach (var processed in answers.Take(4).Append(answerFromElsewhere))
        {
            Assert.Equal(HttpStatusCode.OK, processed.StatusCode);
            Assert.Equal("The passkey could not be verified. Try again, or sign in with your password.", (await HtmlPage.ParseAsync(processed)).FormError);
        }

        foreach (var refused in new[] { answers[4], passwordFromBusyAddress })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(TooMany, (await HtmlPage.ParseAsync(refused)).FormError);
        }
    }

    // Re-authentication answered any number of passkey answers from a session, each one a verification.
    [Fact]
    public async Task PostReauthenticatePasskey_OverThePerIpLimit_Is429_SharingTheAddressesSignInAllowance()
    {
        var user = await factory.CreateUserAsync();
        var client = BrowserFrom(NewAddress());
        await client.SignInAsync(user);
        var page = await client.GetPageAsync("/Account/Reauthenticate");

        // The sign-in used one of the address's four attempts.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
            answers.Add(await client.PostWithTokenAsync(page, "/Account/Reauthenticate?handler=Passkey", new Dictionary<string, string> { ["PasskeyCredential"] = "{}" }));

        foreach (var processed in answers.Take(3))
        {
            Assert.Equal(HttpStatusCode.OK, processed.StatusCode);
            Assert.Equal("The passkey could not be verified. Try again, or enter your password.", (await HtmlPage.ParseAsync(processed)).FormError);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), answers[3].Headers.RetryAfter?.Delta);
        Assert.Equal(TooMany, (await HtmlPage.ParseAsync(answers[3])).FormError);
    }

    [Fact]
    public async Task PostLogin_AddressesOfOneIPv6Slash64_ShareOneAllowance()
    {
        var prefix = $"2001:db8:{RandomNumberGenerator.GetInt32(1, 0xffff):x}:{RandomNumberGenerator.GetInt32(1, 0xffff):x}";

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 5; i++) statuses.Add((await SignInFromAsync($"{prefix}::{i:x}", "nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public async Task PostForgotPassword_OverThePerAccountLimit_Is429AndSendsNoMoreMail()
    {
        var user = await factory.CreateUserAsync();
        var unknown = $"ghost-{Guid.NewGuid():N}@example.test";

        var known = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) known.Add(await ForgotPasswordFromAsync(NewAddress(), i == 0 ? user.Email : user.Email.ToUpperInvariant()));
        var unknownAttempts = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++) unknownAttempts.Add(await ForgotPasswordFromAsync(NewAddress(), unknown));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], known.Select(r => r.StatusCode));
        Assert.Equal(known.Select(r => r.StatusCode), unknownAttempts.Select(r => r.StatusCode));
        foreach (var refused in new[] { known[2], unknownAttempts[2] })
        {
            Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
            Assert.Equal(TooMany, (await HtmlPage.ParseAsync(refused)).FormError);
        }

        // A later message to someone else arrives after any earlier ones (one at a time, in order).
        var marker = await factory.CreateUserAsync();
        await ForgotPasswordFromAsync(NewAddress(), marker.Email);
        await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, marker.Email);
        Assert.Equal(2, PickupMailbox.MessagesTo(factory.PickupDirectory, user.Email).Count);
    }

    [Fact]
    public async Task PostForgotPassword_OverThePerIpLimit_Is429()
    {
        var busy = NewAddress();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await ForgotPasswordFromAsync(busy, $"ghost-{Guid.NewGuid():N}@example.test")).StatusCode);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Redirect, (await ForgotPasswordFromAsync(NewAddress(), $"ghost-{Guid.NewGuid():N}@example.test")).StatusCode);
    }

    [Fact]
    public async Task GetApi_AfterTooManyFailedTokens_Is429WithoutADatabaseQuery_AndOtherAddressesAreServed()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var busy = NewAddress();
        var valid = ApiClientFrom(busy, token.Value);

        // A valid token is no failure; malformed, unknown and revoked tokens are.
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/v1/me")).StatusCode);
        var failures = new[] { "ppt_short", TokenFormat.Generate(), "not-a-token" };
        foreach (var bad in failures)
            Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClientFrom(busy, bad).GetAsync("/api/v1/me")).StatusCode);

        var before = factory.Commands;
        var refused = await valid.GetAsync("/api/v1/me");
        var queries = factory.Commands - before;
        var elsewhere = await ApiClientFrom(NewAddress(), token.Value).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(10), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Too many failed authentications from this address", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, queries);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    private static string NewAddress() => $"10.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(1, 255)}";

    private HttpClient BrowserFrom(string address)
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return client;
    }

    private HttpClient ApiClientFrom(string address, string token)
    {
        var client = factory.ApiClient(token);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, address);
        return client;
    }

    private Task<HttpResponseMessage> SignInFromAsync(string address, string login, string password)
        => BrowserFrom(address).SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Login"] = login, ["Input.Password"] = password });

    private async Task<HttpResponseMessage> PasskeyAnswerFromAsync(string address, string credentialJson)
    {
        var client = BrowserFrom(address);
        var page = await client.GetPageAsync("/Account/Login");
        return await client.PostWithTokenAsync(page, "/Account/Login?handler=Passkey", new Dictionary<string, string> { ["PasskeyCredential"] = credentialJson });
    }

    private Task<HttpResponseMessage> ForgotPasswordFromAsync(string address, string login)
        => BrowserFrom(address).SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = login });
}
