using System.Net;
using System.Text.RegularExpressions;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

public partial class ForgotPasswordTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NewPassword = "Brand-New$Pass1";

    [Fact]
    public async Task ResetThroughEmailedLink_SetsNewPasswordAndOldStopsWorking()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var request = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email });
        var confirmation = await client.FollowAsync(request);
        Assert.Contains("If an account matches what you entered", confirmation.Text("main"));

        var link = await ResetLinkForAsync(factory, user.Email);
        var resetPage = await client.GetPageAsync(link);
        var reset = await client.PostFormAsync(resetPage.Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }, link);
        var done = await client.FollowAsync(reset);

        Assert.Contains("Your password has been reset.", done.Text("main"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, NewPassword)).StatusCode);
        var oldPassword = await factory.CreateBrowserClient().SubmitAndReadAsync("/Account/Login", new Dictionary<string, string> { ["Input.Login"] = user.UserName, ["Input.Password"] = user.Password });
        Assert.Equal("The email address or username and password do not match.", oldPassword.FormError);
        Assert.NotNull((await factory.LoadUserAsync(user.Id)).LastPasswordChangeAt);

        // The link works once: the password change rotated the security stamp it was bound to.
        var reuse = await client.PostFormAsync((await client.GetPageAsync(link)).Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "Another$Pass22",
            ["Input.ConfirmPassword"] = "Another$Pass22",
        }, link);
        Assert.Contains("This reset link is invalid or has expired.", (await HtmlPage.ParseAsync(reuse)).Text("main"));

        // Neither the link's code nor the passwords ever reach the logs.
        var code = Regex.Match(link, "code=([^&]+)").Groups[1].Value;
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(code, StringComparison.Ordinal) || r.Text().Contains(NewPassword, StringComparison.Ordinal) || r.Text().Contains(user.Password, StringComparison.Ordinal));
    }

    // Issue 11, defect 1: the reset link was built from the request's Host header, so a request naming evil.example
    // mailed the victim a link that hands the reset code to evil.example.
    [Fact]
    public async Task Post_ForeignHostHeader_RefusedAndNothingSent()
    {
        var user = await factory.CreateUserAsync();
        var attacker = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("http://evil.example"),
        });

        var get = await attacker.GetAsync("/Account/ForgotPassword");
        var post = await attacker.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Login"] = user.Email }));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Empty(PickupMailbox.MessagesTo(factory.PickupDirectory, user.Email));
    }

    [Fact]
    public async Task Post_UnknownAccount_AnswersAsForAKnownOneAndSendsNothing()
    {
        var known = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();
        var email = $"ghost-{Guid.NewGuid():N}@example.test";

        var unknownResponse = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = email });
        var knownResponse = await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = known.Email });

        Assert.Equal(HttpStatusCode.Redirect, unknownResponse.StatusCode);
        Assert.Equal(knownResponse.StatusCode, unknownResponse.StatusCode);
        Assert.Equal("/Account/ForgotPasswordConfirmation", unknownResponse.Headers.Location!.ToString());
        Assert.Equal(knownResponse.Headers.Location, unknownResponse.Headers.Location);
        Assert.Equal((await client.FollowAsync(knownResponse)).Text("main"), (await client.FollowAsync(unknownResponse)).Text("main"));
        // Mail goes out one message at a time in order: once the later one is written, the earlier would be too.
        await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, known.Email);
        Assert.Empty(PickupMailbox.MessagesTo(factory.PickupDirectory, email));
    }

    [Fact]
    public async Task Post_Empty_ShowsMessageUnderField()
    {
        var page = await factory.CreateBrowserClient().SubmitAndReadAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = " " });

        Assert.Equal("Enter your email address or username.", page.FieldError("Input.Login"));
    }

    [Fact]
    public async Task PostReset_MismatchedConfirmation_ShowsMessageAndKeepsPassword()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();
        await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.UserName });
        var link = await ResetLinkForAsync(factory, user.Email);

        var response = await client.PostFormAsync((await client.GetPageAsync(link)).Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword + "x",
        }, link);

        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal("The new password and its confirmation do not match.", page.FieldError("Input.ConfirmPassword"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password)).StatusCode);
    }

    [Fact]
    public async Task PostReset_TamperedCode_SaysLinkInvalid()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();
        var link = $"/Account/ResetPassword?userId={user.Id}&code=bm90LWEtdG9rZW4";

        var response = await client.PostFormAsync((await client.GetPageAsync(link)).Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        }, link);

        Assert.Contains("This reset link is invalid or has expired.", (await HtmlPage.ParseAsync(response)).Text("main"));
    }

    [Fact]
    public async Task PostReset_EndsEverySessionRevokesEveryTokenAndSaysSo()
    {
        var user = await factory.CreateUserAsync();
        var otherDevice = await factory.SignedInClientAsync(user);
        var tokens = new[] { await factory.CreateTokenAsync(user), await factory.CreateTokenAsync(user) };
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(tokens[0].Value).GetAsync("/api/v1/me")).StatusCode);

        var done = await ResetThroughEmailAsync(factory, user, NewPassword);

        var said = done.Text("[data-testid='reset-done']");
        Assert.Contains("Every session of your account has been signed out", said);
        Assert.Contains("Your API tokens have been revoked (2): programs that used them need a new token.", said);
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
            Assert.NotNull((await factory.LoadTokenAsync(token.Token.Id))!.RevokedAt);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await otherDevice.GetAsync("/Settings/Profile")).StatusCode);
        var events = await factory.SecurityLogOfAsync(user.Id);
        Assert.Contains(events, e => e.Type == SecurityEventType.PasswordReset);
        Assert.Contains(events, e => e.Type == SecurityEventType.OtherSessionsEnded);
        Assert.Contains(events, e => e.Type == SecurityEventType.AllTokensRevoked && e.Detail == "2");
    }

    /// <summary>Requests a reset link for the person, follows it and sets the new password; returns the confirmation page.</summary>
    internal static async Task<HtmlPage> ResetThroughEmailAsync(PortalFactory factory, TestUser user, string newPassword)
    {
        var client = factory.CreateBrowserClient();
        await client.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email });
        var link = await ResetLinkForAsync(factory, user.Email);
        var reset = await client.PostFormAsync((await client.GetPageAsync(link)).Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }, link);
        return await client.FollowAsync(reset);
    }

    private static async Task<string> ResetLinkForAsync(PortalFactory factory, string email)
    {
        // The account's security alerts (a token created) go to the same address: the reset mail is the one with the link.
        var mail = Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, email, matching: m => ResetLink().IsMatch(m.Text)));
        var match = ResetLink().Match(mail.Text);
        Assert.True(match.Success, "No reset link in: " + mail.Text);
        return new Uri(match.Value).PathAndQuery;
    }

    [GeneratedRegex(@"http://localhost/Account/ResetPassword\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}

public sealed class ResetKeepsTokensFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Security:ResetRevokesTokens"] = "false" };
}

public class ResetKeepsTokensTests(ResetKeepsTokensFactory factory) : IClassFixture<ResetKeepsTokensFactory>
{
    [Fact]
    public async Task PostReset_ResetRevokesTokensOff_TokensKeepWorkingAndPageDoesNotMentionThem()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);

        var done = await ForgotPasswordTests.ResetThroughEmailAsync(factory, user, "Brand-New$Pass1");

        Assert.Contains("Your password has been reset.", done.Text("[data-testid='reset-done']"));
        Assert.DoesNotContain("API token", done.Text("main"));
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.AllTokensRevoked);
    }
}

/// <summary>Even where an operator lets every Host through, emailed links name Portal:PublicBaseUrl only.</summary>
public class ForgotPasswordAnyHostTests(ForgotPasswordAnyHostTests.AnyHostPortal factory) : IClassFixture<ForgotPasswordAnyHostTests.AnyHostPortal>
{
    public sealed class AnyHostPortal : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["AllowedHosts"] = "*",
            ["Portal:PublicBaseUrl"] = "https://accounts.example.test",
        };
    }

    [Fact]
    public async Task Post_ForeignHostHeader_LinkNamesThePublicAddress()
    {
        var user = await factory.CreateUserAsync();
        var attacker = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = new Uri("https://evil.example"),
        });

        var response = await attacker.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, user.Email));
        Assert.Matches(@"https://accounts\.example\.test/Account/ResetPassword\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+", mail.Text);
        Assert.DoesNotContain("evil.example", mail.Text, StringComparison.Ordinal);
    }
}
