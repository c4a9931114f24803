namespace ProfilePortal.Web.Features.Security;

/// <summary>The reset form reached from the emailed link (user id and code) with the new password.</summary>
public sealed class ResetPasswordInput
{
    public Guid UserId { get; set; }
    public string? Code { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}
