using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Creates provisioning tokens the way /Admin/Provisioning does, and SCIM clients that send them.</summary>
public static class TestProvisioning
{
    public const string ScimMediaType = "application/scim+json";

    /// <summary>A provisioning token created by a fresh administrator, named <paramref name="name"/> (unique per call when null).</summary>
    public static async Task<CreatedProvisioningToken> CreateProvisioningTokenAsync(this PortalFactory factory, string? name = null)
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        return await factory.InScopeAsync(async sp =>
        {
            var (created, validation) = await sp.GetRequiredService<ProvisioningTokenService>()
                .CreateAsync(admin.Id, name ?? "Identity provider " + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
            return created ?? throw new InvalidOperationException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        });
    }

    /// <summary>A client with no cookies that sends the token as "Authorization: Bearer" and accepts SCIM JSON.</summary>
    public static HttpClient ScimClient(this PortalFactory factory, string? token)
    {
        var client = factory.CreateBrowserClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimMediaType));
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A new SCIM client with its own provisioning token.</summary>
    public static async Task<HttpClient> ScimClientAsync(this PortalFactory factory, string? tokenName = null)
        => factory.ScimClient((await factory.CreateProvisioningTokenAsync(tokenName)).Value);
}
