namespace ProfilePortal.Web.Data;

/// <summary>Where a notification can go (SPEC 2.8); a deployment enables each under Notifications:Channels.</summary>
public enum NotificationChannelKind
{
    Email,
    Sms,
    Telegram,
    Slack,
    Teams,
    Webhook,
}

/// <summary>How often account notices are sent; security alerts always go out at once (SPEC 2.8).</summary>
public enum NotificationFrequency
{
    Instantly,
    HourlyDigest,
    DailyDigest,
    Off,
}

/// <summary>What a notification is about; the first group are security alerts, sent at once whatever the frequency.</summary>
public enum NotificationKind
{
    NewDeviceSignIn,
    PasswordChanged,
    PasswordReset,
    UsernameChanged,
    EmailChangedByAdmin,
    TwoFactorChanged,
    PasskeysChanged,
    TokenCreated,
    TokenExpiresIn7Days,
    TokenExpiresIn1Day,
    TokenExpired,
    Test,
}

public enum NotificationDeliveryStatus
{
    /// <summary>Waiting for its due time (a retry or a digest slot) or being sent under a lease.</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed, or the channel was removed before it could be sent.</summary>
    Failed,
}

/// <summary>Which token expiry reminders were already produced for a token, so each is produced once.</summary>
[Flags]
public enum TokenReminders
{
    None = 0,
    SevenDays = 1,
    OneDay = 2,
    Expired = 4,
}

/// <summary>
/// A person's contact on one channel (one per channel). Email, phone and Telegram chat are stored as they are; the
/// Slack, Teams and webhook URLs carry credentials in their path, so they (and the webhook's signing secret) are kept
/// only encrypted with Data Protection in <see cref="ProtectedSecret"/>, and <see cref="DisplayTarget"/> shows a
/// shortened form.
/// </summary>
public class NotificationChannel
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationChannelKind Kind { get; set; }

    /// <summary>Email address, E.164 phone or Telegram chat id/@handle; null for email means the login email.</summary>
    public string? Target { get; set; }

    /// <summary>Data Protection ciphertext of the URL (and the webhook's HMAC secret); null for the other channels.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>What the page shows for the contact (an email address, a phone, "hooks.slack.com/…/x1Yz").</summary>
    public string DisplayTarget { get; set; } = "";

    public bool Enabled { get; set; }

    /// <summary>When the contact was confirmed; an email other than the login email is used only once confirmed.</summary>
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>SHA-256 of the confirmation link's random code (never the code itself) and when the link stops working.</summary>
    public string? ConfirmationHash { get; set; }
    public DateTime? ConfirmationExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One message for a person, rendered in their language and time zone when the event happened, written in the same
/// transaction as the event; its <see cref="Deliveries"/> are the outbox rows the worker sends.
/// </summary>
public class Notification
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public NotificationKind Kind { get; set; }
    public bool IsSecurityAlert { get; set; }
    public string Subject { get; set; } = "";

    /// <summary>Plain text: what happened, when, from where and what to do. Never a secret (no link with a code in it).</summary>
    public string Body { get; set; } = "";

    /// <summary>Where to act ("change your password"), an absolute link built from Portal:PublicBaseUrl.</summary>
    public string? ActionUrl { get; set; }

    public DateTime CreatedAt { get; set; }
    public List<NotificationDelivery> Deliveries { get; set; } = [];
}

/// <summary>
/// The outbox: one notification to one channel. The worker claims due rows with a lease (one node, one worker each),
/// sends, and marks them sent, or schedules a retry with back-off until the attempts run out.
/// </summary>
public class NotificationDelivery
{
    public long Id { get; set; }
    public long NotificationId { get; set; }
    public Notification Notification { get; set; } = null!;

    /// <summary>The person, repeated from the notification so the page's "last 50" is one index range.</summary>
    public Guid UserId { get; set; }

    public NotificationChannelKind Channel { get; set; }

    /// <summary>The person's channel row; null when the destination is fixed (the old address of an email change).</summary>
    public Guid? ChannelId { get; set; }

    /// <summary>A fixed email address for this delivery; null means the channel's (or the login email) at sending time.</summary>
    public string? Destination { get; set; }

    public NotificationDeliveryStatus Status { get; set; }

    /// <summary>Sent together with the person's other digest rows of the same channel when due.</summary>
    public bool IsDigest { get; set; }

    /// <summary>Not sent before this instant: now, the next retry, or the digest slot.</summary>
    public DateTime DueAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>The claim of one worker; another may take the row only after <see cref="LeaseExpiresAt"/>.</summary>
    public Guid? LeaseId { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Why the last attempt failed, in words safe to show (never a URL, token or response body).</summary>
    public string? LastError { get; set; }
}

/// <summary>
/// A browser, system and network a person has signed in from (SPEC 2.8: "sign-in from a new device or IP"): a
/// SHA-256 of browser family, operating system and address prefix (/24 or /48), so no user agent or address is kept here.
/// </summary>
public class KnownSignInDevice
{
    public Guid UserId { get; set; }
    public string Fingerprint { get; set; } = "";
    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}
