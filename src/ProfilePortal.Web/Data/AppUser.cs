using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.Preferences;
using ProfilePortal.Web.Features.Presence;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Data;

/// <summary>A person with a ProfilePortal account: Identity's user plus the profile of SPEC 2.1.</summary>
public class AppUser : IdentityUser<Guid>
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Title { get; set; }
    public string? Address { get; set; }
    public string? Bio { get; set; }

    /// <summary>IANA time zone id; every time shown to this person is converted to it.</summary>
    public string TimeZoneId { get; set; } = TimeZoneCatalog.DefaultZone;

    /// <summary>Bumped on every profile save; the concurrency token behind "this profile changed since you opened it".</summary>
    public int ProfileVersion { get; set; }

    /// <summary>True while an uploaded avatar is set; otherwise the initials avatar is shown.</summary>
    public bool HasAvatar { get; set; }

    /// <summary>Bumped on every avatar change; part of the avatar URL so caches can keep each version forever.</summary>
    public int AvatarVersion { get; set; }

    /// <summary>
    /// True while the avatar is a portrait of the person's 3D character (SPEC 2.8b), which also has a full-body image
    /// (UserAvatar.FullBody); a photo upload or removing the avatar sets it back to false.
    /// </summary>
    public bool AvatarIsCharacter { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? EmailVerifiedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }
    public DateTime? LastPasswordChangeAt { get; set; }

    /// <summary>Set when an administrator disables the account; a disabled person cannot sign in.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>
    /// The TOTP time step (Unix seconds / 30) of the last authenticator code accepted for this person: a code of that
    /// step or an earlier one is refused, so a code seen over someone's shoulder cannot be replayed within its window.
    /// </summary>
    public long? LastAuthenticatorTimeStep { get; set; }

    /// <summary>Set when the person asked to delete the account and it waits for an administrator (SPEC 2.8c).</summary>
    public DateTime? DeletionRequestedAt { get; set; }

    /// <summary>The interface language chosen on Preferences (a culture name such as "de" or "zh-Hant"); null follows the browser.</summary>
    public string? PreferredLanguage { get; set; }

    public Appearance Appearance { get; set; }

    /// <summary>The status the person set; whether Online is shown as Away depends on their sessions' last activity.</summary>
    public ActivityStatus ActivityStatus { get; set; }

    /// <summary>The parts of the People card the person hides from colleagues (administrators still see them).</summary>
    public PeopleCardFields HiddenPeopleCardFields { get; set; }

    /// <summary>How often account notices are sent (security alerts go out at once whatever it is).</summary>
    public NotificationFrequency NotificationFrequency { get; set; }

    /// <summary>The identity provider's id for this person (SCIM externalId); set only by provisioning.</summary>
    public string? ExternalId { get; set; }

    /// <summary>
    /// The SCIM userName the identity provider gave this person (often an email address, which a portal username may
    /// not be); null for people created here, whose SCIM userName is their username. Unique regardless of case.
    /// </summary>
    public string? ProvisionedUserName { get; set; }
    public string? NormalizedProvisionedUserName { get; set; }

    public Guid? OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public Guid? DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>
    /// "FIRST LAST" and "LAST FIRST" in upper case, kept by AppDbContext on every save: the admin search matches a
    /// prefix of either with an index range scan, so a search is case-insensitive without a full scan.
    /// </summary>
    public string NormalizedFullName { get; set; } = "";
    public string NormalizedSortName { get; set; } = "";

    public string FullName => $"{FirstName} {LastName}".Trim();

    /// <summary>The upper-case forms of a name, as stored in NormalizedFullName and NormalizedSortName.</summary>
    public static (string Full, string Sort) NormalizeName(string firstName, string lastName)
        => ($"{firstName} {lastName}".Trim().ToUpperInvariant(), $"{lastName} {firstName}".Trim().ToUpperInvariant());
}
