namespace ProfilePortal.Web.Data;

/// <summary>What happened to an account's security (SPEC 2.4); the security log lists them.</summary>
public enum SecurityEventType
{
    SignInSucceeded,
    SignInFailed,
    SignInWhileLocked,
    SignInWhileDisabled,
    AccountLockedOut,
    SignedOut,
    PasswordChanged,
    PasswordReset,
    UsernameChanged,
    SessionEnded,
    OtherSessionsEnded,
    PasswordConfirmationFailed,
    TokenCreated,
    TokenChanged,
    TokenRevoked,
    TokenRemoved,
    AllTokensRevoked,
    EmailChangedByAdmin,
    AccountLockedByAdmin,
    AccountUnlockedByAdmin,
    AccountDisabled,
    AccountEnabled,
    RoleChanged,
    MembershipChanged,
    SessionsEndedByAdmin,
    Reauthenticated,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesGenerated,
    RecoveryCodeUsed,
    TwoFactorFailed,
    TwoFactorResetByAdmin,
    PasskeyAdded,
    PasskeyRenamed,
    PasskeyRemoved,
    SignInWithPasskey,
    DataExported,
    DeletionRequested,
    DeletionCancelled,
    DeletionDeclinedByAdmin,
    AccountDeleted,
    ActivityStatusChanged,
    NotificationChannelChanged,
    NotificationChannelRemoved,
    NotificationFrequencyChanged,
    AttributeValueChanged,
    AccountProvisioned,
    ProfileChangedByProvisioning,
}

/// <summary>
/// One entry of a person's security log. Append-only: AppDbContext refuses to update or delete one, and nothing
/// secret (password, token, cookie, link) is ever stored in it. No foreign key to the person: when an account is
/// deleted (SPEC 2.8c) its log stays, naming the person by id only.
/// </summary>
public class SecurityEvent
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public SecurityEventType Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>Non-secret particulars, e.g. "old → new" for a username change.</summary>
    public string? Detail { get; set; }

    /// <summary>Who did it when it was not the person themselves: an administrator's user id or a provisioning token's id.</summary>
    public Guid? ActorId { get; set; }
}
