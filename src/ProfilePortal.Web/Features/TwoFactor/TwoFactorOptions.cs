namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>The "TwoFactor" section (SPEC 2.4): what authenticator apps show, and who must use a second factor.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>The name authenticator apps list the account under (the otpauth URI's issuer).</summary>
    public string Issuer { get; set; } = "ProfilePortal";

    /// <summary>
    /// Role names whose members must have two-factor authentication or a passkey: until they do, every page sends them
    /// to set it up. Empty by default.
    /// </summary>
    public string[] RequiredForRoles { get; set; } = [];

    /// <summary>How long "remember this browser" skips the code at sign-in.</summary>
    public TimeSpan RememberBrowserFor { get; set; } = TimeSpan.FromDays(30);
}
