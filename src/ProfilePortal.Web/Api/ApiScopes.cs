using Microsoft.AspNetCore.Authorization;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Api;

/// <summary>The claims a token puts on the API request's principal, and the policies that check its scopes.</summary>
public static class ApiScopes
{
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "pp:tid";
    public const string ReadPolicy = "api.read";
    public const string WritePolicy = "api.write";

    /// <summary>Any valid token, whatever its scopes: for answers that hold no data, such as an unknown API route.</summary>
    public const string TokenPolicy = "api.token";

    public static string Name(TokenScopes scope) => scope == TokenScopes.Write ? "write" : "read";

    public static void AddPolicies(AuthorizationOptions options)
    {
        // Only the token scheme: a browser's cookie never authenticates the API, so the API needs no CSRF defence.
        options.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(ScopeClaim, Name(TokenScopes.Read)));
        options.AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().RequireClaim(ScopeClaim, Name(TokenScopes.Write)));
        options.AddPolicy(TokenPolicy, p => p.AddAuthenticationSchemes(TokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
    }

    /// <summary>Requires the scope and records it on the endpoint, so a 403 can name the scope that was missing.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, TokenScopes scope) where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(scope == TokenScopes.Write ? WritePolicy : ReadPolicy).WithMetadata(new RequiredScope(scope));
}

public sealed record RequiredScope(TokenScopes Scope);
