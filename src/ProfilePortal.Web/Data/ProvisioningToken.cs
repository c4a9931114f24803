namespace ProfilePortal.Web.Data;

/// <summary>
/// A token an identity provider (Microsoft Entra ID, Okta, ...) uses to provision people and groups through SCIM 2.0
/// (SPEC 2.9a). Created by an administrator on /Admin/Provisioning and shown once; like a personal access token only
/// its SHA-256 and a display prefix are stored. It authenticates /scim/v2 and nothing else; its id is the actor of
/// every change it makes (admin audit and the person's security log), shown by its <see cref="Name"/>.
/// </summary>
public class ProvisioningToken
{
    public Guid Id { get; set; }

    /// <summary>What the administrator called it, e.g. "Microsoft Entra ID"; unique, so the audit names one token.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole token value; unique, looked up on every SCIM request.</summary>
    public string Hash { get; set; } = "";

    public string DisplayPrefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The administrator who created it.</summary>
    public Guid CreatedById { get; set; }

    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public string? LastUsedIp { get; set; }
}
