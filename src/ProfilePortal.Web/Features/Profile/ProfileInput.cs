namespace ProfilePortal.Web.Features.Profile;

/// <summary>The editable profile (SPEC 2.1), bound from the Profile page form and the API.</summary>
public sealed class ProfileInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Bio { get; set; }
    public string? TimeZoneId { get; set; }

    /// <summary>The profile version the form was opened at; a save against a newer version is refused.</summary>
    public int ProfileVersion { get; set; }
}
