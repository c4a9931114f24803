using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class EmailTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(TestUser person) => $"/Admin/Users/{person.Id}/Email";

    [Fact]
    public async Task Post_NewEmailMarkedVerified_ChangesItAuditsAndTheNewEmailSignsIn()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var theirBrowser = await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(admin);
        var newEmail = $"New.{Guid.NewGuid():N}@Example.test";

        var response = await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Email"] = newEmail, ["Input.MarkVerified"] = "true" });

        var page = await client.FollowAsync(response);
        Assert.Equal($"The email of Ada Lovelace is now {newEmail}. They sign in with it from now on.", page.StatusMessage);
        Assert.Equal(newEmail, page.Text("[data-testid='person-email']"));
        var stored = await factory.LoadUserAsync(person.Id);
        Assert.Equal(newEmail, stored.Email);
        Assert.Equal(newEmail.ToUpperInvariant(), stored.NormalizedEmail);
        Assert.True(stored.EmailConfirmed);
        Assert.NotNull(stored.EmailVerifiedAt);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.EmailChanged, SecurityEventType.EmailChangedByAdmin);
        Assert.Contains(newEmail, (await factory.AuditOfAsync(person.Id)).Single().Detail);

        // Their session stays; the new address signs in (in any case) and the old one no longer does.
        Assert.Equal(HttpStatusCode.OK, (await theirBrowser.GetAsync("/Settings/Profile")).StatusCode);
        var withNew = await factory.CreateBrowserClient().SignInAsync(newEmail.ToLowerInvariant(), person.Password);
        Assert.Equal("/Settings/Profile", withNew.Headers.Location?.ToString());
        var withOld = await factory.CreateBrowserClient().SignInAsync(person.Email, person.Password);
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
    }

    [Fact]
    public async Task Post_NotMarkedVerified_StoresItUnverified()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();

        await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Email"] = $"u{Guid.NewGuid():N}@example.test", ["Input.MarkVerified"] = "false" });

        var stored = await factory.LoadUserAsync(person.Id);
        Assert.False(stored.EmailConfirmed);
        Assert.Null(stored.EmailVerifiedAt);
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("upper")]
    public async Task Post_AnotherAccountsEmailInAnyCase_IsRefusedUnderTheFieldAndNothingChanges(string casing)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        var taken = casing == "upper" ? other.Email.ToUpperInvariant() : other.Email.ToLowerInvariant();

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Email"] = taken }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("This email address belongs to another account.", page.FieldError("Input.Email"));
        Assert.Equal(person.Email, (await factory.LoadUserAsync(person.Id)).Email);
        Assert.Empty(await factory.AuditOfAsync(person.Id));
    }

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("not-an-email", "Enter an email address like name@example.com.")]
    [InlineData("two@@example.test", "Enter an email address like name@example.com.")]
    // Direction overrides would show another address than the one stored (TextRules counts them as control characters).
    [InlineData("user@evil\u202Etset.elpmaxe", "Enter an email address like name@example.com.")]
    [InlineData("ad\u2066min@example.test", "Enter an email address like name@example.com.")]
    public async Task Post_InvalidEmail_ShowsTheRuleUnderTheField(string email, string message)
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Email"] = email }));

        Assert.Equal(message, page.FieldError("Input.Email"));
        Assert.Equal(person.Email, (await factory.LoadUserAsync(person.Id)).Email);
    }

    [Fact]
    public async Task Get_UnknownPerson_Returns404()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/Users/{Guid.NewGuid()}/Email")).StatusCode);
    }
}
