using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Throttling;

public enum ThrottledAction
{
    SignIn,
    ForgotPassword,
}

/// <summary>An attempt refused by the throttle: the client may try again after <see cref="RetryAfter"/>.</summary>
public sealed record ThrottleRefusal(TimeSpan RetryAfter)
{
    /// <summary>Whole minutes, at least one, for the message a person reads.</summary>
    public int Minutes => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalMinutes));

    public int Seconds => RetryAfterHeader.Seconds(RetryAfter);

    public void WriteRetryAfter(HttpResponse response) => RetryAfterHeader.Set(response, RetryAfter);
}

public static class RetryAfterHeader
{
    /// <summary>Whole seconds, rounded up, at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Retry-After (RFC 9110 10.2.3) in whole seconds.</summary>
    public static void Set(HttpResponse response, TimeSpan wait)
        => response.Headers.RetryAfter = Seconds(wait).ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Limits guessing (SPEC 2.10): sign-in and forgot-password attempts per client address and per login, and failed API
/// token authentications per address. Fixed-window limiters of System.Threading.RateLimiting, partitioned by key and
/// kept in this process (each app node counts on its own). The page handlers and the token handler call it rather
/// than the rate-limiting middleware because the login is in the form body and only failures count for tokens.
/// </summary>
public sealed class AttemptThrottle : IDisposable
{
    // No login is longer; a longer one matches no account and must not make a partition key of any size.
    private const int MaxLoginKeyLength = 256;

    private readonly ThrottlingOptions _options;
    private readonly PartitionedRateLimiter<string> _signInPerIp;
    private readonly PartitionedRateLimiter<string> _signInPerAccount;
    private readonly PartitionedRateLimiter<string> _forgotPerIp;
    private readonly PartitionedRateLimiter<string> _forgotPerAccount;
    private readonly PartitionedRateLimiter<string> _apiFailuresPerIp;

    public AttemptThrottle(IOptions<ThrottlingOptions> options)
    {
        _options = options.Value;
        _signInPerIp = Create(_options.SignIn.PerIp);
        _signInPerAccount = Create(_options.SignIn.PerAccount);
        _forgotPerIp = Create(_options.ForgotPassword.PerIp);
        _forgotPerAccount = Create(_options.ForgotPassword.PerAccount);
        _apiFailuresPerIp = Create(_options.ApiAuthenticationFailures.PerIp);
    }

    /// <summary>
    /// Counts one attempt for the client's address and for <paramref name="normalizedLogin"/>; null when allowed. The
    /// address is checked first, so a client over its own limit does not use up the allowance of the account it targets.
    /// </summary>
    public ThrottleRefusal? TryAttempt(ThrottledAction action, HttpContext context, string normalizedLogin)
    {
        var (perIp, perAccount, limits) = Limiters(action);
        var login = normalizedLogin.Length <= MaxLoginKeyLength ? normalizedLogin : normalizedLogin[..MaxLoginKeyLength];
        return Acquire(perIp, ClientKey(context), limits.PerIp) ?? Acquire(perAccount, login, limits.PerAccount);
    }

    /// <summary>
    /// Counts one attempt for the client's address only, for an attempt that names no account before it is verified (a
    /// passkey's answer); null when allowed. It shares the address's allowance with the attempts that name one.
    /// </summary>
    public ThrottleRefusal? TryAttemptFromAddress(ThrottledAction action, HttpContext context)
    {
        var (perIp, _, limits) = Limiters(action);
        return Acquire(perIp, ClientKey(context), limits.PerIp);
    }

    private (PartitionedRateLimiter<string> PerIp, PartitionedRateLimiter<string> PerAccount, ThrottlingOptions.AttemptLimits Limits) Limiters(ThrottledAction action)
        => action switch
        {
            ThrottledAction.SignIn => (_signInPerIp, _signInPerAccount, _options.SignIn),
            ThrottledAction.ForgotPassword => (_forgotPerIp, _forgotPerAccount, _options.ForgotPassword),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

    /// <summary>Whether the client's address may still present a token: uses no permit, so a valid token costs nothing.</summary>
    public ThrottleRefusal? CheckApiAuthentication(HttpContext context)
    {
        using var lease = _apiFailuresPerIp.AttemptAcquire(ClientKey(context), permitCount: 0);
        return lease.IsAcquired ? null : Refusal(lease, _options.ApiAuthenticationFailures.PerIp);
    }

    /// <summary>Counts a failed token authentication (malformed, unknown, revoked, expired) against the client's address.</summary>
    public void RecordApiAuthenticationFailure(HttpContext context)
    {
        using var lease = _apiFailuresPerIp.AttemptAcquire(ClientKey(context));
    }

    /// <summary>
    /// The partition of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber usually holds a whole
    /// /64, so counting single addresses would be no limit at all).
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "-";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static ThrottleRefusal? Acquire(PartitionedRateLimiter<string> limiter, string key, ThrottlingOptions.AttemptLimit limit)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : Refusal(lease, limit);
    }

    // A fixed window names the whole window as the wait (it does not track where in the window it is): a conservative answer.
    private static ThrottleRefusal Refusal(RateLimitLease lease, ThrottlingOptions.AttemptLimit limit)
        => new(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : limit.Window);

    private static PartitionedRateLimiter<string> Create(ThrottlingOptions.AttemptLimit limit)
        => PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _signInPerIp.Dispose();
        _signInPerAccount.Dispose();
        _forgotPerIp.Dispose();
        _forgotPerAccount.Dispose();
        _apiFailuresPerIp.Dispose();
    }
}
