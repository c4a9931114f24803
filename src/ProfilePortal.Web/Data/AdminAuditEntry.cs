namespace ProfilePortal.Web.Data;

/// <summary>What an administrator did (SPEC 2.9). Stored as text, so values may be added but never renamed.</summary>
public enum AdminAction
{
    EmailChanged,
    AccountLocked,
    AccountUnlocked,
    AccountDisabled,
    AccountEnabled,
    RoleChanged,
    MembershipChanged,
    SessionsEnded,
    TokensRevoked,
    OrganizationCreated,
    OrganizationRenamed,
    OrganizationLogoChanged,
    DepartmentCreated,
    DepartmentRenamed,
    TwoFactorReset,
    DeletionApproved,
    DeletionDeclined,
    AttributeDefined,
    AttributeDefinitionChanged,
    AttributeDefinitionDeleted,
    AttributeValueChanged,
    ProvisioningTokenCreated,
    ProvisioningTokenRevoked,
    UserProvisioned,
    UserUpdatedByProvisioning,
    UserDeletedByProvisioning,

    /// <summary>Provisioning asked to change a person marked "Exclude from sync"; nothing was changed.</summary>
    ProvisioningChangeSkipped,
}

/// <summary>
/// One entry of the administrators' audit trail: who did what to whom, when and from where. Append-only like the
/// security log (AppDbContext refuses to update or delete one). Actions on a person are also written to that
/// person's security log; this trail also holds actions that concern no person (organizations, departments) and is
/// read by actor. No foreign keys: the trail must outlive the rows it names.
/// </summary>
public class AdminAuditEntry
{
    public long Id { get; set; }

    /// <summary>The administrator's user id, or the id of the provisioning token that made the change.</summary>
    public Guid ActorId { get; set; }
    public AdminAction Action { get; set; }
    public DateTime OccurredAt { get; set; }
    public Guid? TargetUserId { get; set; }
    public Guid? TargetOrganizationId { get; set; }
    public string? IpAddress { get; set; }

    /// <summary>Non-secret particulars, e.g. "old@example.com → new@example.com".</summary>
    public string? Detail { get; set; }
}
