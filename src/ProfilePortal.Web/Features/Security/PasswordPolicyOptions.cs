namespace ProfilePortal.Web.Features.Security;

/// <summary>The "PasswordPolicy" section (SPEC 2.4). Characters not named here (spaces, any script, emoji) are always allowed.</summary>
public sealed class PasswordPolicyOptions
{
    public const string Section = "PasswordPolicy";

    public int MinimumLength { get; set; } = 8;
    public int MaximumLength { get; set; } = 256;
    public bool RequireUppercase { get; set; } = true;
    public bool RequireLowercase { get; set; } = true;
    public bool RequireDigit { get; set; } = true;

    /// <summary>At least one of these is required; empty turns the rule off.</summary>
    public string SpecialCharacters { get; set; } = "@$!%*?&";
}
