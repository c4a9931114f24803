namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>A code from the authenticator app (confirming the setup, re-authentication).</summary>
public sealed class AuthenticatorCodeInput
{
    public string? Code { get; set; }
}

/// <summary>What a second sign-in step posts: a code of some kind.</summary>
public interface ISecondStepInput
{
    string? Code { get; }
}

/// <summary>The second sign-in step: the code, and whether this browser may skip it for a while.</summary>
public sealed class LoginWith2faInput : ISecondStepInput
{
    public string? Code { get; set; }
    public bool RememberBrowser { get; set; }
}

/// <summary>A recovery code instead of the authenticator code.</summary>
public sealed class RecoveryCodeInput : ISecondStepInput
{
    public string? Code { get; set; }
}

/// <summary>Turning two-factor off: a current code or the password, either one.</summary>
public sealed class TurnOffTwoFactorInput
{
    public string? Code { get; set; }
    public string? Password { get; set; }
}
