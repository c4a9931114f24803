using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;

namespace ProfilePortal.Web.Features.SecurityLog;

/// <summary>What each security event is called on the security log page.</summary>
public sealed class SecurityEventText(IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// The event's text. Administrators' actions say "by an administrator"; when <paramref name="actor"/> says an
    /// identity provider did the same through provisioning (SCIM), the text says so instead.
    /// </summary>
    public string Describe(SecurityEvent e, ActorKind? actor = null)
        => actor == ActorKind.Provisioning && ByProvisioning(e) is { } text ? text.Value : ByDefault(e);

    private LocalizedString? ByProvisioning(SecurityEvent e) => e.Type switch
    {
        SecurityEventType.EmailChangedByAdmin => t["Email changed by provisioning ({0})", e.Detail ?? ""],
        SecurityEventType.AccountDisabled => t["Account disabled by provisioning"],
        SecurityEventType.AccountEnabled => t["Account enabled by provisioning"],
        SecurityEventType.RoleChanged => t["Role changed by provisioning ({0})", e.Detail ?? ""],
        SecurityEventType.MembershipChanged => t["Organization and department changed by provisioning ({0})", e.Detail ?? ""],
        SecurityEventType.SessionsEndedByAdmin => t["All sessions ended by provisioning"],
        _ => null,
    };

    private string ByDefault(SecurityEvent e) => e.Type switch
    {
        SecurityEventType.SignInSucceeded => t["Signed in"],
        SecurityEventType.SignInFailed => t["Failed sign-in: wrong password"],
        SecurityEventType.SignInWhileLocked => t["Sign-in refused: account locked"],
        SecurityEventType.SignInWhileDisabled => t["Sign-in refused: account disabled"],
        SecurityEventType.AccountLockedOut => t["Account locked after too many failed sign-ins"],
        SecurityEventType.SignedOut => t["Signed out"],
        SecurityEventType.PasswordChanged => t["Password changed"],
        SecurityEventType.PasswordReset => t["Password reset by email link"],
        SecurityEventType.UsernameChanged => t["Username changed ({0})", e.Detail ?? ""],
        SecurityEventType.SessionEnded => t["Session ended ({0})", e.Detail ?? ""],
        SecurityEventType.OtherSessionsEnded => t["All other sessions ended"],
        SecurityEventType.PasswordConfirmationFailed => t["Wrong current password given for a change"],
        SecurityEventType.TokenCreated => t["API token created ({0})", e.Detail ?? ""],
        SecurityEventType.TokenChanged => t["API token changed ({0})", e.Detail ?? ""],
        SecurityEventType.TokenRevoked => t["API token revoked ({0})", e.Detail ?? ""],
        SecurityEventType.TokenRemoved => t["API token removed ({0})", e.Detail ?? ""],
        SecurityEventType.AllTokensRevoked => t["All API tokens revoked ({0})", e.Detail ?? ""],
        SecurityEventType.EmailChangedByAdmin => t["Email changed by an administrator ({0})", e.Detail ?? ""],
        SecurityEventType.AccountLockedByAdmin => t["Account locked by an administrator ({0})", e.Detail ?? ""],
        SecurityEventType.AccountUnlockedByAdmin => t["Account unlocked by an administrator"],
        SecurityEventType.AccountDisabled => t["Account disabled by an administrator"],
        SecurityEventType.AccountEnabled => t["Account enabled by an administrator"],
        SecurityEventType.RoleChanged => t["Role changed by an administrator ({0})", e.Detail ?? ""],
        SecurityEventType.MembershipChanged => t["Organization and department changed by an administrator ({0})", e.Detail ?? ""],
        SecurityEventType.SessionsEndedByAdmin => t["All sessions ended by an administrator"],
        // Rows written before two-factor and passkeys existed have no detail: those were passwords.
        SecurityEventType.Reauthenticated => e.Detail switch
        {
            "code" => t["Identity confirmed with an authenticator code for a sensitive action"],
            "passkey" => t["Identity confirmed with a passkey for a sensitive action"],
            _ => t["Password confirmed for a sensitive action"],
        },
        SecurityEventType.TwoFactorEnabled => t["Two-factor authentication turned on"],
        SecurityEventType.TwoFactorDisabled => t["Two-factor authentication turned off"],
        SecurityEventType.RecoveryCodesGenerated => t["New recovery codes generated"],
        SecurityEventType.RecoveryCodeUsed => t["Signed in with a recovery code ({0} left)", e.Detail ?? ""],
        SecurityEventType.TwoFactorFailed => t["Failed sign-in: wrong two-factor code"],
        SecurityEventType.TwoFactorResetByAdmin => t["Two-factor authentication reset by an administrator"],
        SecurityEventType.PasskeyAdded => t["Passkey added ({0})", e.Detail ?? ""],
        SecurityEventType.PasskeyRenamed => t["Passkey renamed ({0})", e.Detail ?? ""],
        SecurityEventType.PasskeyRemoved => t["Passkey removed ({0})", e.Detail ?? ""],
        SecurityEventType.SignInWithPasskey => t["Signed in with a passkey ({0})", e.Detail ?? ""],
        SecurityEventType.DataExported => t["Personal data downloaded"],
        SecurityEventType.DeletionRequested => t["Account deletion requested"],
        SecurityEventType.DeletionCancelled => t["Account deletion request withdrawn"],
        SecurityEventType.DeletionDeclinedByAdmin => t["Account deletion request declined by an administrator"],
        SecurityEventType.AccountDeleted => t["Account deleted"],
        SecurityEventType.ActivityStatusChanged => t["Activity status changed to {0}", Presence.PresenceText.LabelOfName(t, e.Detail)],
        SecurityEventType.NotificationChannelChanged => t["Notification channel saved ({0})", e.Detail ?? ""],
        SecurityEventType.NotificationChannelRemoved => t["Notification channel removed ({0})", e.Detail ?? ""],
        SecurityEventType.NotificationFrequencyChanged => t["Notification frequency changed ({0})", e.Detail ?? ""],
        SecurityEventType.AttributeValueChanged => t["Account attribute changed ({0})", e.Detail ?? ""],
        _ => e.Type.ToString(),
    };
}
