namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>The "Security" section: how long a password confirmation covers sensitive actions (SPEC 2.4).</summary>
public sealed class ReauthenticationOptions
{
    public const string Section = "Security";

    /// <summary>A sensitive action asks for the password again when this session's last confirmation is older.</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(15);
}
