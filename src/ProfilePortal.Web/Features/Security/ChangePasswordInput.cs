namespace ProfilePortal.Web.Features.Security;

public sealed class ChangePasswordInput
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }

    /// <summary>On by default (SPEC 2.4): every other signed-in browser is signed out.</summary>
    public bool SignOutOtherSessions { get; set; } = true;
}
