namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>The password again, before a sensitive action.</summary>
public sealed class ReauthenticateInput
{
    public string? Password { get; set; }
}
