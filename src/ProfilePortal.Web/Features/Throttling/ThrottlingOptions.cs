namespace ProfilePortal.Web.Features.Throttling;

/// <summary>
/// The "Throttling" section (SPEC 2.10): how many sign-in and password-reset attempts a client address and a login may
/// make, and how many failed API token authentications an address may make, each within a fixed window.
/// </summary>
public sealed class ThrottlingOptions
{
    public const string Section = "Throttling";

    public AttemptLimits SignIn { get; set; } = new()
    {
        PerIp = new AttemptLimit { PermitLimit = 20, Window = TimeSpan.FromMinutes(5) },
        PerAccount = new AttemptLimit { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) },
    };

    public AttemptLimits ForgotPassword { get; set; } = new()
    {
        PerIp = new AttemptLimit { PermitLimit = 20, Window = TimeSpan.FromMinutes(15) },
        PerAccount = new AttemptLimit { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) },
    };

    /// <summary>Failed "Authorization: Bearer" attempts per client address; then every token request from it gets 429.</summary>
    public ApiFailureLimits ApiAuthenticationFailures { get; set; } = new()
    {
        PerIp = new AttemptLimit { PermitLimit = 20, Window = TimeSpan.FromMinutes(15) },
    };

    /// <summary>
    /// A refused sign-in to a locked or disabled account is written to the person's security log at most once in this
    /// interval, so a script hammering the account cannot flood the log.
    /// </summary>
    public TimeSpan RefusedSignInLogInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<AttemptLimit> AllLimits() => [SignIn.PerIp, SignIn.PerAccount, ForgotPassword.PerIp, ForgotPassword.PerAccount, ApiAuthenticationFailures.PerIp];

    public sealed class AttemptLimits
    {
        public AttemptLimit PerIp { get; set; } = new();

        /// <summary>Partitioned by the login as typed (normalized), so unknown accounts are limited exactly like known ones.</summary>
        public AttemptLimit PerAccount { get; set; } = new();
    }

    public sealed class ApiFailureLimits
    {
        public AttemptLimit PerIp { get; set; } = new();
    }

    /// <summary>At most <see cref="PermitLimit"/> attempts in each <see cref="Window"/>.</summary>
    public sealed class AttemptLimit
    {
        public int PermitLimit { get; set; } = 10;
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    }
}
