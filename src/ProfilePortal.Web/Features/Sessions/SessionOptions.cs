namespace ProfilePortal.Web.Features.Sessions;

/// <summary>The "Sessions" section: lifetimes of server-side sessions (ASVS 3.3.2 in mind).</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session ends this long after sign-in, whatever the activity.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Without "keep me signed in", a session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Last activity is written at most this often per session, not on every request.</summary>
    public TimeSpan ActivityWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
