namespace ProfilePortal.Web.Features.Username;

public sealed class ChangeUsernameInput
{
    public string? NewUserName { get; set; }
    public string? CurrentPassword { get; set; }
}
