using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>/scim/v2 accepts only a provisioning token, and answers every refusal with a SCIM error (RFC 7644 3.12).</summary>
public sealed class ScimAuthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Unknown = "/scim/v2/NoSuchResource";

    [Fact]
    public async Task NoToken_Is401WithBearerChallengeAndScimError()
    {
        var response = await factory.ScimClient(null).GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        var error = await ScimErrorAsync(response);
        Assert.Equal("401", (string?)error["status"]);
    }

    [Fact]
    public async Task PersonalAccessToken_IsRefused()
    {
        var user = await factory.CreateUserAsync(role: Roles.Administrator);
        var personal = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);

        var response = await factory.ScimClient(personal.Value).GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("malformed", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task SignedInAdministratorsCookie_IsRefused()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var browser = await factory.SignedInClientAsync(admin);

        var response = await browser.GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProvisioningToken_UnknownRoute_Is404ScimError_AndRecordsLastUse()
    {
        var token = await factory.CreateProvisioningTokenAsync();

        var response = await factory.ScimClient(token.Value).GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404", (string?)(await ScimErrorAsync(response))["status"]);
        var stored = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().ProvisioningTokens.AsNoTracking().SingleAsync(p => p.Id == token.Token.Id));
        // PostgreSQL keeps microseconds, .NET ticks are tenths of them.
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, stored.LastUsedAt!.Value, TimeSpan.FromMicroseconds(1));
        Assert.Equal("pps_", stored.DisplayPrefix[..4]);
        Assert.NotEqual(token.Value, stored.Hash);
    }

    [Fact]
    public async Task RevokedProvisioningToken_IsRefusedAtItsNextRequest()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Unknown)).StatusCode);

        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        Assert.True(await factory.InScopeAsync(sp => sp.GetRequiredService<ProvisioningTokenService>().RevokeAsync(admin.Id, token.Token.Id, CancellationToken.None)));

        var response = await client.GetAsync(Unknown);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ForgedProvisioningToken_IsRefused()
    {
        var forged = TokenFormat.Generate(TokenFormat.ProvisioningPrefix);

        var response = await factory.ScimClient(forged).GetAsync(Unknown);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ProvisioningToken_DoesNotAuthenticateTheApi()
    {
        var token = await factory.CreateProvisioningTokenAsync();

        var response = await factory.ApiClient(token.Value).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TokenNames_AreUnique()
    {
        var name = "Okta " + Guid.NewGuid().ToString("N")[..6];
        await factory.CreateProvisioningTokenAsync(name);
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);

        var (created, validation) = await factory.InScopeAsync(sp => sp.GetRequiredService<ProvisioningTokenService>().CreateAsync(admin.Id, "  " + name + " ", CancellationToken.None));

        Assert.Null(created);
        Assert.Equal("A provisioning token with this name exists already.", Assert.Single(validation.Errors).ErrorMessage);
    }

    private static async Task<JsonObject> ScimErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(TestProvisioning.ScimMediaType, response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(ScimErrors.Schema, (string?)body["schemas"]![0]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["detail"]));
        return body;
    }
}
