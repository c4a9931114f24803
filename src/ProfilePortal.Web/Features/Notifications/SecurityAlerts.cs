using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// Turns security log events into security alerts (SPEC 2.8), in the unit of work that writes the event, so the event
/// and its alert are committed together. A sign-in alerts only from a browser, system and network not seen before for
/// the person; the very first sign-in of an account (nothing seen yet) is not an alert.
/// </summary>
public sealed class SecurityAlerts(NotificationOutbox outbox, NotificationComposer composer, AuditActors auditActors)
{
    public static NotificationKind? AlertFor(SecurityEventType type) => type switch
    {
        SecurityEventType.SignInSucceeded or SecurityEventType.SignInWithPasskey => NotificationKind.NewDeviceSignIn,
        SecurityEventType.PasswordChanged => NotificationKind.PasswordChanged,
        SecurityEventType.PasswordReset => NotificationKind.PasswordReset,
        SecurityEventType.UsernameChanged => NotificationKind.UsernameChanged,
        SecurityEventType.EmailChangedByAdmin => NotificationKind.EmailChangedByAdmin,
        SecurityEventType.TwoFactorEnabled or SecurityEventType.TwoFactorDisabled or SecurityEventType.RecoveryCodesGenerated
            or SecurityEventType.TwoFactorResetByAdmin => NotificationKind.TwoFactorChanged,
        SecurityEventType.PasskeyAdded or SecurityEventType.PasskeyRemoved => NotificationKind.PasskeysChanged,
        SecurityEventType.TokenCreated => NotificationKind.TokenCreated,
        _ => null,
    };

    /// <summary>
    /// Adds the alert for <paramref name="e"/> (not yet saved) to <paramref name="db"/>, which must be inside a
    /// transaction when the event is a sign-in (the device is recorded by its own statement).
    /// </summary>
    public async Task AddAsync(AppDbContext db, SecurityEvent e, string? alsoToEmail, CancellationToken cancellationToken)
    {
        if (AlertFor(e.Type) is not { } kind) return;
        if (kind == NotificationKind.NewDeviceSignIn && !await IsNewDeviceAsync(db, e, cancellationToken)) return;
        if (e.Type == SecurityEventType.RecoveryCodesGenerated && await CameWithTurningOnAsync(db, e, cancellationToken)) return;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == e.UserId, cancellationToken);
        if (user is null) return;
        // Provisioning (SCIM) records the same events as administrators (an email change): the alert says which acted.
        var actor = e.ActorId is { } id ? (await auditActors.ResolveAsync([id], cancellationToken))[id].Kind : (ActorKind?)null;
        await outbox.QueueAsync(db, user, kind, composer.SecurityAlert(user, kind, e, actor), alsoToEmail, cancellationToken);
    }

    /// <summary>
    /// Turning two-factor on issues the first recovery codes right after it: one change for the person, alerted once
    /// (by TwoFactorEnabled). Codes generated again later are their own alert.
    /// </summary>
    private static async Task<bool> CameWithTurningOnAsync(AppDbContext db, SecurityEvent e, CancellationToken cancellationToken)
    {
        var previous = await db.SecurityEvents.Where(p => p.UserId == e.UserId).OrderByDescending(p => p.Id)
            .Select(p => new { p.Type, p.OccurredAt }).FirstOrDefaultAsync(cancellationToken);
        return previous is not null && previous.Type == SecurityEventType.TwoFactorEnabled && e.OccurredAt - previous.OccurredAt < TimeSpan.FromMinutes(1);
    }

    /// <summary>
    /// Records the sign-in's device; true when it was not known and the person had signed in from another one before.
    /// One INSERT … ON CONFLICT DO NOTHING (SQLite and PostgreSQL), so two sign-ins racing from one new device alert once.
    /// </summary>
    private static async Task<bool> IsNewDeviceAsync(AppDbContext db, SecurityEvent e, CancellationToken cancellationToken)
    {
        var fingerprint = Fingerprint(e.UserAgent, e.IpAddress);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "KnownSignInDevices" ("UserId", "Fingerprint", "FirstSeenAt", "LastSeenAt") VALUES ({e.UserId}, {fingerprint}, {e.OccurredAt}, {e.OccurredAt}) ON CONFLICT ("UserId", "Fingerprint") DO NOTHING""",
            cancellationToken);
        if (inserted == 0)
        {
            await db.KnownSignInDevices.Where(d => d.UserId == e.UserId && d.Fingerprint == fingerprint)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastSeenAt, e.OccurredAt), cancellationToken);
            return false;
        }

        return await db.KnownSignInDevices.AnyAsync(d => d.UserId == e.UserId && d.Fingerprint != fingerprint, cancellationToken);
    }

    /// <summary>Browser family, operating system and network (/24 for IPv4, /48 for IPv6), hashed.</summary>
    public static string Fingerprint(string? userAgent, string? ipAddress)
    {
        var device = UserAgentParser.Parse(userAgent);
        var text = $"{device.Browser}|{device.OperatingSystem}|{NetworkOf(ipAddress)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string NetworkOf(string? ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address)) return "";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var keep = address.AddressFamily == AddressFamily.InterNetwork ? 3 : 6;
        for (var i = keep; i < bytes.Length; i++) bytes[i] = 0;
        return new IPAddress(bytes).ToString();
    }
}
