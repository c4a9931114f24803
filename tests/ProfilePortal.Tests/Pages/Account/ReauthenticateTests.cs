using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>
/// "Sudo mode" (SPEC 2.4): a sensitive action asks for the password again when the session last proved it more than
/// 15 minutes ago. Each test signs in fresh and moves the class's clock on itself.
/// </summary>
public class ReauthenticateTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string TokensUrl = "/Settings/Tokens";
    private const string Asked = "/Account/Reauthenticate?returnUrl=";
    private const string Confirmed = "Password confirmed. You can now do what you started again.";
    private static readonly TimeSpan PastWindow = TimeSpan.FromMinutes(16);

    [Fact]
    public async Task PostCreateToken_FreshSignIn_CreatesWithoutAsking()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await CreateTokenAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(TokensUrl, response.Headers.Location?.ToString());
        Assert.Equal(1, await TokenCountAsync(user));
    }

    [Fact]
    public async Task PostCreateToken_ConfirmationOlderThanWindow_AsksForPasswordAndCreatesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);

        var response = await CreateTokenAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Asked + Uri.EscapeDataString(TokensUrl), response.Headers.Location?.ToString());
        Assert.Equal(0, await TokenCountAsync(user));
        var page = await client.FollowAsync(response);
        Assert.Equal("Confirm your password", page.Text("h1"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TokensUrl)).StatusCode);
    }

    [Fact]
    public async Task PostReauthenticate_WrongPassword_ShowsErrorUnderFieldLogsFailureAndCountsTowardsLockout()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);

        var page = await HtmlPage.ParseAsync(await ReauthenticateAsync(client, "Wrong$Password1", TokensUrl));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The password is incorrect.", page.FieldError("Input.Password"));
        Assert.Equal(1, (await factory.LoadUserAsync(user.Id)).AccessFailedCount);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.PasswordConfirmationFailed);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.Reauthenticated);
        // Still not confirmed.
        Assert.StartsWith(Asked, (await CreateTokenAsync(client)).Headers.Location?.ToString());
        Assert.Equal(0, await TokenCountAsync(user));
    }

    [Fact]
    public async Task PostReauthenticate_WrongPasswordFiveTimes_LocksTheAccount()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);

        HtmlPage page = null!;
        for (var attempt = 0; attempt < 5; attempt++)
            page = await HtmlPage.ParseAsync(await ReauthenticateAsync(client, "Wrong$Password1", TokensUrl));

        Assert.Equal("Too many wrong passwords: the account is locked for 15 minutes.", page.FieldError("Input.Password"));
        Assert.NotNull((await factory.LoadUserAsync(user.Id)).LockoutEnd);
        // While locked, even the right password does not confirm.
        var locked = await HtmlPage.ParseAsync(await ReauthenticateAsync(client, user.Password, TokensUrl));
        Assert.Equal("Too many wrong passwords: the account is locked for 15 minutes.", locked.FieldError("Input.Password"));
        Assert.Equal(0, await TokenCountAsync(user));
    }

    [Fact]
    public async Task PostReauthenticate_RightPassword_ReturnsToPageThenTheActionWorksForTheWindow()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var sessionsBefore = await SessionIdsAsync(user);
        factory.Clock.Advance(PastWindow);

        var response = await ReauthenticateAsync(client, user.Password, TokensUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(TokensUrl, response.Headers.Location?.ToString());
        Assert.Equal(Confirmed, (await client.FollowAsync(response)).StatusMessage);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.Reauthenticated && e.Detail == "password");
        // The same session (same row, same cookie), only its ticket changed.
        Assert.Equal(sessionsBefore, await SessionIdsAsync(user));

        Assert.Equal(TokensUrl, (await CreateTokenAsync(client)).Headers.Location?.ToString());
        Assert.Equal(1, await TokenCountAsync(user));

        // The window counts from the confirmation, not from the sign-in.
        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(TokensUrl, (await CreateTokenAsync(client)).Headers.Location?.ToString());
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.StartsWith(Asked, (await CreateTokenAsync(client)).Headers.Location?.ToString());
        Assert.Equal(2, await TokenCountAsync(user));
    }

    [Fact]
    public async Task PostRevokeToken_ConfirmationOlderThanWindow_RevokesWithoutAsking()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);

        // Taking access away stays one click: only creating a token asks.
        var page = await client.GetPageAsync(TokensUrl);
        var form = page.Document.Forms.First(f => f.GetAttribute("action")?.Contains("handler=Revoke", StringComparison.OrdinalIgnoreCase) == true
                                                  && f.QuerySelector($"[name='tokenId'][value='{token.Token.Id}']") is not null);
        var response = await client.PostFormAsync(form, new Dictionary<string, string>(), TokensUrl);

        Assert.Equal(TokensUrl, response.Headers.Location?.ToString());
        Assert.NotNull((await factory.LoadTokenAsync(token.Token.Id))!.RevokedAt);
    }

    [Fact]
    public async Task PostChangeUsername_ConfirmationOlderThanWindow_AsksThenWorksAfterConfirmation()
    {
        const string url = "/Settings/Username";
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);
        var newName = "ada." + Guid.NewGuid().ToString("N")[..8];
        var fields = new Dictionary<string, string> { ["Input.NewUserName"] = newName, ["Input.CurrentPassword"] = user.Password };

        var asked = await client.SubmitFormAsync(url, fields);

        Assert.Equal(Asked + Uri.EscapeDataString(url), asked.Headers.Location?.ToString());
        Assert.Equal(user.UserName, (await factory.LoadUserAsync(user.Id)).UserName);

        var back = await client.FollowAsync(await ReauthenticateAsync(client, user.Password, url));
        Assert.Equal(Confirmed, back.StatusMessage);
        var done = await client.FollowAsync(await client.SubmitFormAsync(url, fields));
        Assert.Equal($"Your username is now {newName}. Sign in with it (or your email) from now on.", done.StatusMessage);
        Assert.Equal(newName, (await factory.LoadUserAsync(user.Id)).UserName);
    }

    [Fact]
    public async Task PostLock_ConfirmationOlderThanWindow_AsksThenWorksAfterConfirmation()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(admin);
        var url = $"/Admin/Users/{person.Id}/Lock";
        factory.Clock.Advance(PastWindow);
        var fields = new Dictionary<string, string> { ["Input.Until"] = "" };

        var asked = await client.SubmitFormAsync(url, fields);

        Assert.Equal(Asked + Uri.EscapeDataString(url), asked.Headers.Location?.ToString());
        Assert.Null((await factory.LoadUserAsync(person.Id)).LockoutEnd);
        Assert.Empty(await factory.AuditOfAsync(person.Id));

        var back = await client.FollowAsync(await ReauthenticateAsync(client, admin.Password, url));
        Assert.Equal(Confirmed, back.StatusMessage);
        Assert.Contains("Lock the account of Ada Lovelace?", back.Text("main"));
        var done = await client.FollowAsync(await client.SubmitFormAsync(url, fields));
        Assert.Equal("Ada Lovelace is locked until an administrator unlocks the account.", done.StatusMessage);
        Assert.NotNull((await factory.LoadUserAsync(person.Id)).LockoutEnd);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AccountLocked, SecurityEventType.AccountLockedByAdmin);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("")]
    public async Task PostReauthenticate_ReturnUrlNotLocal_GoesToProfileInstead(string returnUrl)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await ReauthenticateAsync(client, user.Password, returnUrl);

        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task GetReauthenticate_Anonymous_GoesToSignIn()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/Account/Reauthenticate?returnUrl=%2FSettings%2FTokens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> ReauthenticateAsync(HttpClient client, string password, string returnUrl)
        => client.SubmitFormAsync("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Input.Password"] = password });

    private static async Task<HttpResponseMessage> CreateTokenAsync(HttpClient client)
    {
        var page = await client.GetPageAsync(TokensUrl);
        return await client.PostFormAsync(page.FormWithHandler("Create"), new Dictionary<string, string>
        {
            ["Input.Description"] = "Backup script",
            ["Input.NeverExpires"] = "true",
            ["Input.Read"] = "true",
        }, TokensUrl);
    }

    private Task<int> TokenCountAsync(TestUser user)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccessTokens.CountAsync(t => t.UserId == user.Id));

    private Task<List<Guid>> SessionIdsAsync(TestUser user)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == user.Id).Select(s => s.Id).ToListAsync());
}
