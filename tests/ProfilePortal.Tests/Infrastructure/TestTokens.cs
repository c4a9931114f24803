using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Creates personal access tokens the way the tokens page does, and API clients that send them.</summary>
public static class TestTokens
{
    public static Task<CreatedToken> CreateTokenAsync(this PortalFactory factory, TestUser user, TokenScopes scopes = TokenScopes.Read,
        DateTime? expiresAtUtc = null, string? description = "test token")
        => factory.InScopeAsync(async sp => (await sp.GetRequiredService<TokenService>().CreateAsync(user.Id, description, scopes, expiresAtUtc, CancellationToken.None))
                                            ?? throw new InvalidOperationException("Token limit reached"));

    /// <summary>A client with no cookies that sends the token as "Authorization: Bearer".</summary>
    public static HttpClient ApiClient(this PortalFactory factory, string? token)
    {
        var client = factory.CreateBrowserClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<PersonalAccessToken?> LoadTokenAsync(this PortalFactory factory, Guid id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id));
}
