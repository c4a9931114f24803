using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Web.Api;

/// <summary>
/// Authenticates API requests by "Authorization: Bearer ppt_…" (SPEC 2.6). Shape and checksum are checked before any
/// database access; then one indexed lookup by the token's SHA-256 decides (TokenLookup), joined to the account so that
/// a revoked or expired token, or a token of a locked or disabled account, is refused on its very next request. The
/// same read brings the data versions (DataVersions), so a cached answer of this request's person costs no further query.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenLookup tokens,
    TimeProvider clock,
    IOptions<ApiTokenOptions> tokenOptions,
    AttemptThrottle throttle,
    IStringLocalizer<SharedResource> t)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    private const string Realm = "ProfilePortal";

    // Set when this client address has failed too often: the challenge then answers 429 instead of 401.
    private ThrottleRefusal? _throttled;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // No credentials for this scheme at all (RFC 6750 3.1: the challenge then carries no error code).
            return AuthenticateResult.NoResult();
        }

        // An address that keeps presenting bad tokens is refused before any database access (SPEC 2.6).
        _throttled = throttle.CheckApiAuthentication(Context);
        if (_throttled is not null)
        {
            return AuthenticateResult.Fail("Too many failed authentications from this address.");
        }

        var result = await AuthenticateTokenAsync(header);
        if (!result.Succeeded) throttle.RecordApiAuthenticationFailure(Context);
        return result;
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync(string header)
    {
        var value = header.AsSpan(7).Trim();
        if (!TokenFormat.IsWellFormed(value))
        {
            // Noise or a mistyped token: refused without touching the database.
            return AuthenticateResult.Fail("The token is malformed.");
        }

        var token = value.ToString();
        var hash = TokenFormat.Hash(token);
        var record = await tokens.FindAsync(hash, Context.RequestServices, Context.RequestAborted);
        // The index found the row by hash; comparing again in constant time keeps timing independent of the value.
        if (record is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(record.Token.Hash), Encoding.ASCII.GetBytes(hash)))
        {
            return AuthenticateResult.Fail("The token is unknown.");
        }

        var now = clock.GetUtcNow();
        var stored = record.Token;
        if (!TokenRules.Active.Matches(stored, now.UtcDateTime))
        {
            return AuthenticateResult.Fail(stored.RevokedAt is not null ? "The token has been revoked." : "The token has expired.");
        }

        if (record.DisabledAt is not null || record.LockoutEnd > now) return AuthenticateResult.Fail("The account cannot use the API now.");

        await RecordUseAsync(stored, now.UtcDateTime);
        Context.Features.Set(new DataVersionStamp(record.PersonVersion, record.SharedVersion));

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, stored.UserId.ToString()),
            new(ClaimTypes.Name, record.UserName ?? ""),
            new(ApiScopes.TokenIdClaim, stored.Id.ToString()),
        };
        if (stored.Scopes.HasFlag(TokenScopes.Read)) claims.Add(new Claim(ApiScopes.ScopeClaim, ApiScopes.Name(TokenScopes.Read)));
        if (stored.Scopes.HasFlag(TokenScopes.Write)) claims.Add(new Claim(ApiScopes.ScopeClaim, ApiScopes.Name(TokenScopes.Write)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>"Last used" is written only when the stored time is older than the interval: no write per request.</summary>
    private async Task RecordUseAsync(PersonalAccessToken token, DateTime now)
    {
        var threshold = now - tokenOptions.Value.LastUsedWriteInterval;
        if (token.LastUsedAt is { } last && last > threshold) return;
        var ip = Context.Connection.RemoteIpAddress?.ToString();
        // The condition makes simultaneous requests write once between them. The request's context is leased only now:
        // most requests write nothing.
        var db = Context.RequestServices.GetRequiredService<AppDbContext>();
        await db.PersonalAccessTokens
            .Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now).SetProperty(t => t.LastUsedIp, ip), Context.RequestAborted);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        if (_throttled is { } refusal)
        {
            refusal.WriteRetryAfter(Response);
            await ApiProblems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, t["Too many requests"],
                t["Too many failed authentications from this address. Retry after {0} seconds.", refusal.Seconds]);
            return;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{failure.Message}\"";
        // The failure's English text stays in the header (ASCII, for programs); the body speaks the caller's language
        // (the failure texts are resource keys: TokenFailures).
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, t["Unauthorized"],
            failure is null ? t["Send a personal access token: Authorization: Bearer ppt_…"] : t[failure.Message]);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope ?? TokenScopes.Read;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"{Realm}\", error=\"insufficient_scope\", scope=\"{ApiScopes.Name(scope)}\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, t["Forbidden"],
            t["This token does not have the {0} scope.", ApiScopes.Name(scope)]);
    }
}
