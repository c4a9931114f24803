using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Provisioning;

using Roles = ProfilePortal.Web.Data.Roles;

/// <summary>/Admin/Provisioning (SPEC 2.9a): provisioning tokens created (shown once), listed with their use, revoked.</summary>
public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Admin/Provisioning";

    private static string UniqueName(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<(TestUser Admin, HttpClient Client)> AdminAsync()
    {
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = "Hopper"; }, Roles.Administrator);
        return (admin, await factory.SignedInClientAsync(admin));
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string name)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("Create"), new Dictionary<string, string> { ["Input.Name"] = name }, Url);
    }

    private Task<List<ProvisioningToken>> TokensNamedAsync(string name)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ProvisioningTokens.AsNoTracking().Where(p => p.Name == name).ToListAsync());

    [Fact]
    public async Task PostCreate_Valid_ShowsTheTokenOnceWithTheScimUrlAndStoresOnlyItsHash()
    {
        var (admin, client) = await AdminAsync();
        var name = UniqueName("Microsoft Entra ID");

        var response = await CreateAsync(client, "  " + name + " ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        Assert.Equal($"The provisioning token {name} has been created. Copy it now: it will not be shown again.", page.StatusMessage);
        Assert.Contains("no-store", page.Response.Headers.CacheControl!.ToString());
        var value = page.Document.QuerySelector("#new-token-value")!.GetAttribute("value")!;
        Assert.Matches("^pps_[0-9A-Za-z]{49}$", value);
        Assert.Contains("It will not be shown again", page.Text("[data-testid='new-token']"));
        Assert.Equal("http://localhost/scim/v2", page.Document.QuerySelector("#scim-base-url")!.GetAttribute("value"));
        Assert.Contains("docs/scim.md", page.Text("main"));
        var token = Assert.Single(await TokensNamedAsync(name));
        var row = page.Document.QuerySelector($"[data-token-id='{token.Id}']")!;
        Assert.Contains(value[..8], row.TextContent);
        Assert.Contains("by Grace Hopper", row.QuerySelector("[data-testid='token-created']")!.TextContent);
        Assert.Equal("never used", row.QuerySelector("[data-testid='token-last-used']")!.TextContent.Trim());
        Assert.Equal("Active", row.QuerySelector("[data-testid='token-status']")!.TextContent.Trim());

        var reload = await client.GetPageAsync(Url);
        Assert.Null(reload.Document.QuerySelector("[data-testid='new-token']"));
        Assert.DoesNotContain(value, reload.Document.DocumentElement.OuterHtml);

        // What was shown is the real token: SCIM accepts it (an unknown resource is a 404, not a 401).
        Assert.Equal(HttpStatusCode.NotFound, (await factory.ScimClient(value).GetAsync("/scim/v2/NoSuchResource")).StatusCode);
        Assert.False(await factory.DatabaseContainsAsync(value), "the token value is stored somewhere in the database");
        Assert.False(await factory.DatabaseContainsAsync(value[8..]), "part of the token's secret is stored in the database");
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(value[8..], StringComparison.Ordinal));
        Assert.Contains(await AuditOfActorAsync(admin.Id), e => e.Action == AdminAction.ProvisioningTokenCreated && e.Detail == $"{value[..8]} {name}");
    }

    [Theory]
    [InlineData("", "Enter a name, such as the identity provider's.")]
    [InlineData("TOO-LONG", "The name must be at most 100 characters, without control characters.")]
    [InlineData("Okta\u202E", "The name must be at most 100 characters, without control characters.")]
    [InlineData("DUPLICATE", "A provisioning token with this name exists already.")]
    public async Task PostCreate_BadName_ShowsTheMessageUnderTheFieldAndCreatesNothing(string name, string message)
    {
        var (_, client) = await AdminAsync();
        var existing = UniqueName("Okta");
        await CreateAsync(client, existing);
        name = name switch { "TOO-LONG" => new string('x', 101), "DUPLICATE" => existing, _ => name };
        var before = await CountTokensAsync();

        var page = await HtmlPage.ParseAsync(await CreateAsync(client, name));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError("Input.Name"));
        Assert.Equal(name, page.Value("Input.Name"));
        Assert.Null(page.Document.QuerySelector("[data-testid='new-token']"));
        Assert.Equal(before, await CountTokensAsync());
    }

    [Fact]
    public async Task PostRevoke_AfterTheConfirmationStep_RefusesTheTokenAtItsNextRequest()
    {
        var (admin, client) = await AdminAsync();
        var name = UniqueName("Okta");
        var created = await client.FollowAsync(await CreateAsync(client, name));
        var value = created.Document.QuerySelector("#new-token-value")!.GetAttribute("value")!;
        var scim = factory.ScimClient(value);
        Assert.Equal(HttpStatusCode.NotFound, (await scim.GetAsync("/scim/v2/NoSuchResource")).StatusCode);
        var token = Assert.Single(await TokensNamedAsync(name));
        // The list's Revoke button leads to the confirmation step; nothing is revoked yet.
        var revokeLink = created.Document.QuerySelector($"[data-token-id='{token.Id}'] a[href*='revoke=']")!.GetAttribute("href")!;
        var confirm = await client.GetPageAsync(revokeLink);
        Assert.Contains($"Revoke the provisioning token {name}?", confirm.Text("[data-testid='confirm-revoke']"));
        Assert.Null(Assert.Single(await TokensNamedAsync(name)).RevokedAt);

        var response = await client.PostFormAsync(confirm.FormWithHandler("Revoke"), new Dictionary<string, string>(), Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        Assert.Equal($"The provisioning token {name} has been revoked. The identity provider using it is refused from its next request.", page.StatusMessage);
        Assert.StartsWith("Revoked", page.Document.QuerySelector($"[data-token-id='{token.Id}'] [data-testid='token-status']")!.TextContent.Trim());
        Assert.Null(page.Document.QuerySelector($"[data-token-id='{token.Id}'] a[href*='revoke=']"));
        var refused = await scim.GetAsync("/scim/v2/NoSuchResource");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", refused.Headers.WwwAuthenticate.ToString());
        Assert.Contains(await AuditOfActorAsync(admin.Id), e => e.Action == AdminAction.ProvisioningTokenRevoked && e.Detail == $"{token.DisplayPrefix} {name}");

        // Posting the confirmation again finds no active token: nothing to revoke.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(confirm.FormWithHandler("Revoke"), new Dictionary<string, string>(), Url)).StatusCode);
        Assert.Null((await client.GetPageAsync(revokeLink)).Document.QuerySelector("[data-testid='confirm-revoke']"));
    }

    [Fact]
    public async Task Get_UsedToken_ShowsWhenAndFromWhere()
    {
        var (_, client) = await AdminAsync();
        var token = await factory.CreateProvisioningTokenAsync(UniqueName("Used"));
        var scim = factory.ScimClient(token.Value);
        scim.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "198.51.100.77");
        await scim.GetAsync("/scim/v2/NoSuchResource");

        var page = await client.GetPageAsync(Url);

        var lastUsed = page.Document.QuerySelector($"[data-token-id='{token.Token.Id}'] [data-testid='token-last-used']")!.TextContent;
        Assert.Contains("from 198.51.100.77", lastUsed);
        Assert.Contains("(UTC)", lastUsed);
    }

    [Fact]
    public async Task Get_Member_IsDeniedAndHasNoMenuEntry()
    {
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Member));
        var (_, admin) = await AdminAsync();

        var response = await member.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        var adminPage = await admin.GetPageAsync("/Admin/Users");
        Assert.NotNull(adminPage.Document.QuerySelector("nav a[href='/Admin/Provisioning']"));
        Assert.Null((await member.GetPageAsync("/Settings/Profile")).Document.QuerySelector("a[href='/Admin/Provisioning']"));
    }

    private Task<int> CountTokensAsync()
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ProvisioningTokens.CountAsync());

    private Task<List<AdminAuditEntry>> AuditOfActorAsync(Guid actorId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking().Where(e => e.ActorId == actorId).ToListAsync());
}
