namespace ProfilePortal.Web.Api;

/// <summary>Settings of the token-authenticated API (section "Api").</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Per token: at most <see cref="PermitLimit"/> requests in each <see cref="Window"/>, then 429.</summary>
    public sealed class RateLimitOptions
    {
        public int PermitLimit { get; set; } = 600;
        public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    }
}
