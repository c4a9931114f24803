using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Username;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Username";
    private const string Characters = "Use only letters a–z, digits, dots, underscores and hyphens, starting with a letter or digit.";
    private const string Length = "A username has 3 to 32 characters.";

    [Fact]
    public async Task Post_Valid_ChangesUsernameOldStopsWorkingAndIsLogged()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var newName = "ada." + Guid.NewGuid().ToString("N")[..8];

        var response = await client.SubmitFormAsync(Url, Fields(newName, user.Password));

        var page = await client.FollowAsync(response);
        Assert.Equal($"Your username is now {newName}. Sign in with it (or your email) from now on.", page.StatusMessage);
        Assert.Equal(newName, page.Text("[data-testid='current-username']"));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(newName.ToUpperInvariant(), user.Password)).StatusCode);
        var old = await factory.CreateBrowserClient().SubmitAndReadAsync("/Account/Login", new Dictionary<string, string> { ["Input.Login"] = user.UserName, ["Input.Password"] = user.Password });
        Assert.Equal("The email address or username and password do not match.", old.FormError);
        var logged = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents
            .SingleAsync(e => e.UserId == user.Id && e.Type == SecurityEventType.UsernameChanged));
        Assert.Equal($"{user.UserName} → {newName}", logged.Detail);
    }

    public static TheoryData<string, string?> NameRules() => new()
    {
        { "ab", Length },
        { "abc", null },
        { new string('a', 32), null },
        { new string('a', 33), Length },
        { "", "Enter a username." },
        { "_ada", Characters },
        { ".ada", Characters },
        { "-ada", Characters },
        { "9lives", null },
        { "a.b_c-d", null },
        { "ada lovelace", Characters },
        { "ada@home", Characters },
        { "adá", Characters },
        { "admin", "This username is reserved. Choose another." },
        { "ROOT", "This username is reserved. Choose another." },
        { "Support", "This username is reserved. Choose another." },
    };

    [Theory]
    [MemberData(nameof(NameRules))]
    public async Task Post_NameRule_AcceptedOrMessageUnderFieldAndNothingChanges(string name, string? expected)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        // Accepted names must be unique in this class's database.
        if (expected is null) name = name.Length > 24 ? name : name + Guid.NewGuid().ToString("N")[..6];

        var response = await client.SubmitFormAsync(Url, Fields(name, user.Password));

        var saved = await factory.LoadUserAsync(user.Id);
        if (expected is null)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(name, saved.UserName);
            return;
        }

        Assert.Equal(expected, (await HtmlPage.ParseAsync(response)).FieldError("Input.NewUserName"));
        Assert.Equal(user.UserName, saved.UserName);
    }

    [Fact]
    public async Task Post_TakenInAnotherCase_IsRefused()
    {
        var other = await factory.CreateUserAsync();
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields(other.UserName.ToUpperInvariant(), user.Password));

        Assert.Equal("This username is taken. Choose another.", page.FieldError("Input.NewUserName"));
        Assert.Equal(user.UserName, (await factory.LoadUserAsync(user.Id)).UserName);
    }

    [Fact]
    public async Task Post_TakenNameWithWrongPassword_ShowsPasswordErrorAndNotThatTheNameIsTaken()
    {
        var other = await factory.CreateUserAsync();
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields(other.UserName, "Wrong$Pass99"));

        // Without the password a borrowed session must not learn whether a name exists.
        Assert.Equal("The current password is incorrect.", page.FieldError("Input.CurrentPassword"));
        Assert.Equal("", page.FieldError("Input.NewUserName"));
        Assert.DoesNotContain("taken", page.Text("main"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(user.UserName, (await factory.LoadUserAsync(user.Id)).UserName);
    }

    [Fact]
    public async Task Post_OwnNameInOtherCase_IsAllowed()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync(Url, Fields(user.UserName.ToUpperInvariant(), user.Password));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(user.UserName.ToUpperInvariant(), (await factory.LoadUserAsync(user.Id)).UserName);
    }

    [Fact]
    public async Task Post_SameName_SaysItIsAlreadyYours()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields(user.UserName, user.Password));

        Assert.Equal("This is already your username.", page.FieldError("Input.NewUserName"));
    }

    [Theory]
    [InlineData("", "Enter your current password.")]
    [InlineData("Wrong$Pass99", "The current password is incorrect.")]
    public async Task Post_WithoutRightPassword_IsRefused(string password, string expected)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.SubmitAndReadAsync(Url, Fields("fresh" + Guid.NewGuid().ToString("N")[..8], password));

        Assert.Equal(expected, page.FieldError("Input.CurrentPassword"));
        Assert.Equal(user.UserName, (await factory.LoadUserAsync(user.Id)).UserName);
    }

    [Fact]
    public async Task Post_TwoPeopleRaceForOneName_ExactlyOneWinsTheOtherIsToldItIsTaken()
    {
        for (var round = 0; round < 5; round++)
        {
            var first = await factory.CreateUserAsync();
            var second = await factory.CreateUserAsync();
            var a = await factory.SignedInClientAsync(first);
            var b = await factory.SignedInClientAsync(second);
            var name = "race" + Guid.NewGuid().ToString("N")[..8];
            var formA = (await a.GetPageAsync(Url)).Form("Input.NewUserName");
            var formB = (await b.GetPageAsync(Url)).Form("Input.NewUserName");

            var responses = await Task.WhenAll(
                a.PostFormAsync(formA, Fields(name, first.Password), Url),
                b.PostFormAsync(formB, Fields(name, second.Password), Url));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Equal("This username is taken. Choose another.", (await HtmlPage.ParseAsync(loser)).FieldError("Input.NewUserName"));
            var normalized = name.ToUpperInvariant();
            var holders = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.NormalizedUserName == normalized));
            Assert.Equal(1, holders);
        }
    }

    private static Dictionary<string, string> Fields(string name, string password) => new()
    {
        ["Input.NewUserName"] = name,
        ["Input.CurrentPassword"] = password,
    };
}
