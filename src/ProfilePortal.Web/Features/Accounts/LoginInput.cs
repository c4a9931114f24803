namespace ProfilePortal.Web.Features.Accounts;

/// <summary>The sign-in form: email address or username, and password.</summary>
public sealed class LoginInput
{
    public string? Login { get; set; }
    public string? Password { get; set; }
    public bool RememberMe { get; set; }
}
