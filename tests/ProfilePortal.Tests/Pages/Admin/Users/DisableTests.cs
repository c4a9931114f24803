using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class DisableTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_SignedInPerson_TheirNextRequestGoesToSignInTheirTokensAreRefusedAndTheyCannotSignIn()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var theirBrowser = await factory.SignedInClientAsync(person);
        var theirScript = factory.ApiClient((await factory.CreateTokenAsync(person)).Value);
        Assert.Equal(HttpStatusCode.OK, (await theirScript.GetAsync("/api/v1/me")).StatusCode);
        var client = await factory.SignedInClientAsync(admin);

        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/Disable");
        Assert.Contains("Disable the account of Ada Lovelace?", confirm.Text("main"));
        var page = await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/Disable"));

        Assert.Equal("Ada Lovelace is disabled and signed out everywhere.", page.StatusMessage);
        Assert.Equal("DISABLED", page.Text("[data-testid='person-status']"));
        Assert.Equal("0", page.Text("[data-testid='person-sessions']"));
        var next = await theirBrowser.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await theirScript.GetAsync("/api/v1/me")).StatusCode);
        var signIn = await factory.CreateBrowserClient().SignInAsync(person.UserName, person.Password);
        Assert.NotEqual("/Settings/Profile", signIn.Headers.Location?.ToString());
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AccountDisabled, SecurityEventType.AccountDisabled);
    }

    [Fact]
    public async Task PostEnable_DisabledPerson_CanSignInAgainAndIsAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow);
        var client = await factory.SignedInClientAsync(admin);

        var details = await client.GetPageAsync($"/Admin/Users/{person.Id}");
        var page = await client.FollowAsync(await client.PostFormAsync(details.FormWithHandler("Enable"), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}"));

        Assert.Equal("Ada Lovelace is enabled and can sign in again.", page.StatusMessage);
        Assert.Null((await factory.LoadUserAsync(person.Id)).DisabledAt);
        Assert.Equal("/Settings/Profile", (await factory.CreateBrowserClient().SignInAsync(person.UserName, person.Password)).Headers.Location?.ToString());
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AccountEnabled, SecurityEventType.AccountEnabled);
    }
}
