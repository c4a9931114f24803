using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class RevokeTokensTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_AfterConfirmation_EveryTokenOfThePersonIsRefusedAndItIsAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var bystander = await factory.CreateUserAsync();
        var tokens = new[] { await factory.CreateTokenAsync(person), await factory.CreateTokenAsync(person, TokenScopes.Write) };
        var bystanderToken = await factory.CreateTokenAsync(bystander);
        var client = await factory.SignedInClientAsync(admin);

        var details = await client.GetPageAsync($"/Admin/Users/{person.Id}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='/Admin/Users/{person.Id}/RevokeTokens']"));
        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/RevokeTokens");
        Assert.Contains("Ada Lovelace has 2 active API tokens.", confirm.Text("[data-testid='active-token-count']"));
        var page = await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/RevokeTokens"));

        Assert.Equal("2 API tokens of Ada Lovelace have been revoked.", page.StatusMessage);
        foreach (var token in tokens)
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(bystanderToken.Value).GetAsync("/api/v1/me")).StatusCode);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.TokensRevoked, SecurityEventType.AllTokensRevoked);
    }

    [Fact]
    public async Task GetAndPost_Member_AreSentToAccessDeniedAndNothingChanges()
    {
        var member = await factory.CreateUserAsync();
        var person = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(person);
        var client = await factory.SignedInClientAsync(member);
        var ownPage = await client.GetPageAsync("/Settings/Tokens");

        var get = await client.GetAsync($"/Admin/Users/{person.Id}/RevokeTokens");
        var post = await client.PostWithTokenAsync(ownPage, $"/Admin/Users/{person.Id}/RevokeTokens", new Dictionary<string, string>());

        // Cookie authentication answers "forbidden" with the access-denied page.
        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
    }
}
