namespace ProfilePortal.Web.Features.Presence;

/// <summary>The status a person picks in the profile menu or sends to PUT /api/v1/me/status: one of <see cref="PresenceText.Names"/>.</summary>
public sealed class ActivityStatusInput
{
    public string? Status { get; set; }
}
