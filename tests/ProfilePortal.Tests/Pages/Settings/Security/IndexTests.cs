using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Security;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Security";
    private const string NewPassword = "Fresh$Start42";

    [Fact]
    public async Task Post_Valid_ChangesPasswordKeepsThisSessionAndRecordsIt()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url, Fields(user.Password, NewPassword));

        var page = await client.FollowAsync(response);
        Assert.Equal("Your password has been changed.", page.StatusMessage);
        Assert.Contains("Last changed", page.Text("[data-testid='last-password-change']"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, NewPassword)).StatusCode);
        var old = await factory.CreateBrowserClient().SubmitAndReadAsync("/Account/Login", new Dictionary<string, string> { ["Input.Login"] = user.UserName, ["Input.Password"] = user.Password });
        Assert.Equal("The email address or username and password do not match.", old.FormError);
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.NotNull(saved.LastPasswordChangeAt);
        Assert.Contains(await EventsAsync(user.Id), e => e == SecurityEventType.PasswordChanged);
        Assert.NotNull((await client.GetPageAsync("/Settings/Profile")).Document.QuerySelector("[data-testid='account-panel']"));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(NewPassword, StringComparison.Ordinal) || r.Text().Contains(user.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_SignOutOthersChecked_OtherClientGoesToSignInThisOneStays()
    {
        var user = await factory.CreateUserAsync();
        var me = await factory.SignedInClientAsync(user);
        var other = await factory.SignedInClientAsync(user);

        var response = await me.SubmitFormAsync(Url, Fields(user.Password, NewPassword));

        Assert.Equal("Your password has been changed, and 1 other session was signed out.", (await me.FollowAsync(response)).StatusMessage);
        var otherNext = await other.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, otherNext.StatusCode);
        Assert.Contains("/Account/Login", otherNext.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task Post_SignOutOthersUnchecked_OtherClientStaysSignedIn()
    {
        var user = await factory.CreateUserAsync();
        var me = await factory.SignedInClientAsync(user);
        var other = await factory.SignedInClientAsync(user);
        var fields = Fields(user.Password, NewPassword);
        fields["Input.SignOutOtherSessions"] = "false";

        var response = await me.SubmitFormAsync(Url, fields);

        Assert.Equal("Your password has been changed.", (await me.FollowAsync(response)).StatusMessage);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task Get_CheckboxIsOnByDefaultAndFieldsHelpPasswordManagers()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var page = await client.GetPageAsync(Url);

        Assert.True(page.Document.QuerySelector("#Input_SignOutOtherSessions")!.HasAttribute("checked"));
        Assert.Equal("current-password", page.Document.QuerySelector("#Input_CurrentPassword")!.GetAttribute("autocomplete"));
        Assert.Equal("new-password", page.Document.QuerySelector("#Input_NewPassword")!.GetAttribute("autocomplete"));
        Assert.Equal("new-password", page.Document.QuerySelector("#Input_ConfirmPassword")!.GetAttribute("autocomplete"));
        var rules = page.Document.QuerySelectorAll("#password-rules li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(6, rules.Count);
        Assert.Contains(rules, r => r.StartsWith("One of these characters: @ $ ! % * ? &", StringComparison.Ordinal));
    }

    public static TheoryData<string, string?> PolicyBoundaries() => new()
    {
        { "Abcde1$", "At least 8 characters" },
        { "Abcdef1$", null },
        { "Aa1$" + new string('x', 252), null },
        { "Aa1$" + new string('x', 253), "At most 256 characters" },
        { "abcdefg1$", "An upper-case letter" },
        { "ABCDEFG1$", "A lower-case letter" },
        { "Abcdefgh$", "A digit" },
        { "Abcdefgh1", "One of these characters: @ $ ! % * ? &" },
        { "Abcdefgh1#", "One of these characters: @ $ ! % * ? &" },
        { "Пароль Надёжный 1!", null },
        { "Émoji 🔐 pass 9?", null },
        { "correct horse 9 Battery&", null },
        { "密码密码Ab1@", null },
        { "🔐🔐🔐Aa1$", "At least 8 characters" },
        { "🔐🔐🔐🔐Aa1$", null },
    };

    [Theory]
    [MemberData(nameof(PolicyBoundaries))]
    public async Task Post_NewPasswordAtPolicyBoundary_AcceptedOrRuleListedAndNothingChanges(string newPassword, string? unmetRule)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var hashBefore = (await factory.LoadUserAsync(user.Id)).PasswordHash;

        var response = await client.SubmitFormAsync(Url, Fields(user.Password, newPassword));

        if (unmetRule is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, newPassword)).StatusCode);
            return;
        }

        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal($"The new password does not meet these rules: {unmetRule}.", page.FieldError("Input.NewPassword"));
        Assert.Equal(hashBefore, (await factory.LoadUserAsync(user.Id)).PasswordHash);
        // The checklist shows the same rule as not met, and the password is not echoed back.
        var unmet = page.Document.QuerySelectorAll("#password-rules li:not(.met)").Select(li => li.TextContent).ToList();
        Assert.Contains(unmet, li => li.Contains(unmetRule, StringComparison.Ordinal));
        Assert.Equal("", page.Value("Input.NewPassword") ?? "");
    }

    [Fact]
    public async Task Post_SeveralRulesUnmet_ListsEachOne()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields(user.Password, "short"));

        Assert.Equal("The new password does not meet these rules: At least 8 characters; An upper-case letter; A digit; One of these characters: @ $ ! % * ? &.", page.FieldError("Input.NewPassword"));
    }

    [Fact]
    public async Task Post_WrongCurrentPassword_ShowsMessageAndKeepsPassword()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields("Not-the$pass1", NewPassword));

        Assert.Equal("The current password is incorrect.", page.FieldError("Input.CurrentPassword"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password)).StatusCode);
        Assert.Contains(await EventsAsync(user.Id), e => e == SecurityEventType.PasswordConfirmationFailed);
    }

    [Fact]
    public async Task Post_ConfirmationMismatch_ShowsMessageUnderConfirmation()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var fields = Fields(user.Password, NewPassword);
        fields["Input.ConfirmPassword"] = NewPassword + "!";

        var page = await client.SubmitAndReadAsync(Url, fields);

        Assert.Equal("The new password and its confirmation do not match.", page.FieldError("Input.ConfirmPassword"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password)).StatusCode);
    }

    [Fact]
    public async Task Post_NewEqualsCurrent_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields(user.Password, user.Password));

        Assert.Equal("The new password must be different from the current one.", page.FieldError("Input.NewPassword"));
        Assert.Null((await factory.LoadUserAsync(user.Id)).LastPasswordChangeAt);
    }

    [Fact]
    public async Task Post_EmptyFields_ShowMessagesUnderEach()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var page = await client.SubmitAndReadAsync(Url, Fields("", ""));

        Assert.Equal("Enter your current password.", page.FieldError("Input.CurrentPassword"));
        Assert.Equal("Enter a new password.", page.FieldError("Input.NewPassword"));
    }

    [Fact]
    public async Task Post_FiveWrongCurrentPasswords_LockTheAccount()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        HtmlPage page = null!;
        for (var i = 0; i < 5; i++) page = await client.SubmitAndReadAsync(Url, Fields("Wrong$Guess" + i, NewPassword));

        Assert.Equal("Too many wrong passwords: the account is locked for 15 minutes.", page.FieldError("Input.CurrentPassword"));
        Assert.Equal("/Account/Lockout", (await factory.CreateBrowserClient().SignInAsync(user.UserName, user.Password)).Headers.Location!.ToString());
    }

    [Fact]
    public async Task Post_WrongCurrentPasswordsWhileLocked_LogTheLockoutOnceAndNoFurtherFailures()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        for (var i = 0; i < 8; i++) await client.SubmitAndReadAsync(Url, Fields("Wrong$Guess" + i, NewPassword));

        var events = await EventsAsync(user.Id);
        // Five wrong passwords, the fifth locking the account; the three tries while locked checked no password.
        Assert.Single(events, e => e == SecurityEventType.AccountLockedOut);
        Assert.Equal(5, events.Count(e => e == SecurityEventType.PasswordConfirmationFailed));
    }

    private static Dictionary<string, string> Fields(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };

    private Task<List<SecurityEventType>> EventsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents.Where(e => e.UserId == userId).Select(e => e.Type).ToListAsync());
}
