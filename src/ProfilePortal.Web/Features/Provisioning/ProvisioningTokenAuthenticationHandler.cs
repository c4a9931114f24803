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

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// Authenticates /scim/v2 by "Authorization: Bearer pps_…" (SPEC 2.9a), the way personal tokens authenticate the API:
/// shape and checksum first, then one indexed lookup by SHA-256; a revoked token is refused on its next request. The
/// principal names the token, not a person: every change it makes is audited with the token's id as actor.
/// </summary>
public sealed class ProvisioningTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDbContext db,
    TimeProvider clock,
    IOptions<ApiTokenOptions> tokenOptions,
    AttemptThrottle throttle,
    IStringLocalizer<SharedResource> t)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ProvisioningToken";

    /// <summary>The provisioning token's id on the request's principal (the actor of what it changes).</summary>
    public const string TokenIdClaim = "pp:provisioning-token";

    private const string Realm = "ProfilePortal SCIM";

    private ThrottleRefusal? _throttled;

    private static readonly Func<AppDbContext, string, CancellationToken, Task<ProvisioningToken?>> FindByHash =
        EF.CompileAsyncQuery((AppDbContext context, string hash, CancellationToken _) =>
            context.ProvisioningTokens.AsNoTracking().FirstOrDefault(p => p.Hash == hash));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        // The same per-address allowance for failures as the API: guessing tokens is refused before any database access.
        _throttled = throttle.CheckApiAuthentication(Context);
        if (_throttled is not null) return AuthenticateResult.Fail("Too many failed authentications from this address.");

        var result = await AuthenticateTokenAsync(header.AsSpan(7).Trim().ToString());
        if (!result.Succeeded) throttle.RecordApiAuthenticationFailure(Context);
        return result;
    }

    private async Task<AuthenticateResult> AuthenticateTokenAsync(string value)
    {
        if (!TokenFormat.IsWellFormed(value, TokenFormat.ProvisioningPrefix)) return AuthenticateResult.Fail("The token is malformed.");

        var hash = TokenFormat.Hash(value);
        var token = await FindByHash(db, hash, Context.RequestAborted);
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token.Hash), Encoding.ASCII.GetBytes(hash)))
            return AuthenticateResult.Fail("The token is unknown.");
        if (token.RevokedAt is not null) return AuthenticateResult.Fail("The token has been revoked.");

        var now = clock.GetUtcNow().UtcDateTime;
        var threshold = now - tokenOptions.Value.LastUsedWriteInterval;
        if (token.LastUsedAt is not { } last || last <= threshold)
        {
            var ip = Context.Connection.RemoteIpAddress?.ToString();
            await db.ProvisioningTokens
                .Where(p => p.Id == token.Id && (p.LastUsedAt == null || p.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedAt, now).SetProperty(p => p.LastUsedIp, ip), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(TokenIdClaim, token.Id.ToString()), new Claim(ClaimTypes.Name, token.Name)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        if (_throttled is { } refusal)
        {
            refusal.WriteRetryAfter(Response);
            await ScimErrors.WriteAsync(Context, StatusCodes.Status429TooManyRequests,
                t["Too many failed authentications from this address. Retry after {0} seconds.", refusal.Seconds]);
            return;
        }

        Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer realm=\"{Realm}\""
            : $"Bearer realm=\"{Realm}\", error=\"invalid_token\", error_description=\"{failure.Message}\"";
        await ScimErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            failure is null ? t["Send a provisioning token: Authorization: Bearer pps_…"] : t[failure.Message]);
    }
}
