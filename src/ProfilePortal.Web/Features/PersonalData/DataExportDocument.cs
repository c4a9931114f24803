using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProfilePortal.Web.Features.PersonalData;

// The shape of "Download your data" (SPEC 2.8c), version 1, documented field by field in docs/data-export.md. These
// records are the contract: entities never reach the serializer, so a new column is not exported by accident, and a
// secret (password hash, token hash, session key, TOTP key, recovery codes, passkey key material) has no field to go
// to. Adding a member is compatible; renaming or removing one needs a new version.

public sealed record ExportProfile(
    string FirstName,
    string LastName,
    string? Title,
    string? PhoneNumber,
    string? Address,
    string? Bio,
    string TimeZone);

public sealed record ExportAccount(
    string Email,
    string UserName,
    string Status,
    DateTime? LockedUntil,
    bool EmailVerified,
    DateTime? EmailVerifiedAt,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Permissions,
    string? Department,
    string? Organization,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    DateTime? LastPasswordChangeAt,
    DateTime? DeletionRequestedAt);

/// <summary>One account attribute the person has a value of, in its stored (canonical) form.</summary>
public sealed record ExportAttributeValue(string Key, string Label, string Value);

/// <param name="Character">The avatar creator's document as stored (kept after a photo replaced the character); null when none was made.</param>
public sealed record ExportAvatar(bool IsSet, string? Url, bool IsCharacter, string? FullBodyUrl, JsonElement? Character);

public sealed record ExportTwoFactor(bool Enabled, int RecoveryCodesLeft);

public sealed record ExportPasskey(string? Name, DateTime CreatedAt, DateTime? LastUsedAt);

public sealed record ExportSession(string Device, string? UserAgent, string? IpAddress, DateTime SignedInAt, DateTime LastActivityAt, bool IsCurrent);

public sealed record ExportApiToken(
    string? Description,
    IReadOnlyList<string> Scopes,
    string Prefix,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? LastUsedAt,
    string? LastUsedIp,
    DateTime? RevokedAt);

public sealed record ExportSecurityEvent(
    DateTime OccurredAt,
    string Type,
    string Description,
    string? Detail,
    string? IpAddress,
    string? UserAgent,
    bool ByAdministrator,
    string? Actor,
    string? ActorName);

/// <summary>A notification channel: what the settings page shows of it, never its encrypted URL or signing secret.</summary>
public sealed record ExportNotificationChannel(string Kind, string DisplayTarget, bool Enabled, bool Confirmed, DateTime? ConfirmedAt);

public sealed record ExportNotificationSettings(string Frequency, IReadOnlyList<ExportNotificationChannel> Channels);

public sealed record ExportNotificationDelivery(
    string Channel,
    string Subject,
    string Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    DateTime? SentAt,
    string? LastError);

/// <summary>Source-generated serialization of the export records: camelCase names, nulls written (every field is always present).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ExportProfile))]
[JsonSerializable(typeof(ExportAccount))]
[JsonSerializable(typeof(ExportAttributeValue))]
[JsonSerializable(typeof(ExportAvatar))]
[JsonSerializable(typeof(ExportTwoFactor))]
[JsonSerializable(typeof(ExportPasskey))]
[JsonSerializable(typeof(ExportSession))]
[JsonSerializable(typeof(ExportApiToken))]
[JsonSerializable(typeof(ExportSecurityEvent))]
[JsonSerializable(typeof(ExportNotificationSettings))]
[JsonSerializable(typeof(ExportNotificationDelivery))]
internal sealed partial class DataExportJsonContext : JsonSerializerContext;
