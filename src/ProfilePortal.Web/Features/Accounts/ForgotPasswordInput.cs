namespace ProfilePortal.Web.Features.Accounts;

/// <summary>The forgotten-password form: the account's email address or username.</summary>
public sealed class ForgotPasswordInput
{
    public string? Login { get; set; }
}
