using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Notifications;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.PersonalData;

/// <summary>
/// "Download your data" (SPEC 2.8c): everything the portal holds about one person, as one JSON document of the
/// documented shape (docs/data-export.md). Written straight to the response: the small sections are read whole, the
/// security log (which may be long) is read row by row and each row written as it arrives, so it is never held in
/// memory, let alone twice.
/// </summary>
public sealed class DataExportService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    ProfileService profiles,
    AccountAttributeService attributes,
    SessionService sessions,
    DeviceDescription devices,
    SecurityEventText eventText,
    AuditActors auditActors,
    NotificationSettingsService notifications,
    AvatarService avatars,
    IOptions<PortalOptions> portal,
    TimeProvider clock)
{
    public const string Format = "profileportal-export";
    public const int Version = 1;

    /// <summary>Flush to the client every this many security events, so a long log streams instead of piling up.</summary>
    private const int FlushEvery = 200;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    /// <summary>The file name offered to the browser: the portal, the person's username and the day (UTC).</summary>
    public string FileName(AppUser user)
        => $"profileportal-data-{user.UserName}-{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd}.json";

    /// <summary>
    /// Writes the person's export to <paramref name="output"/> (the response's pipe: the JSON writer hands it bytes
    /// without blocking, and they go out at each FlushAsync); false (nothing written) when there is no such person.
    /// </summary>
    public async Task<bool> WriteAsync(Guid userId, Guid? currentSessionId, PipeWriter output, CancellationToken cancellationToken)
    {
        if (await profiles.LoadAsync(userId, cancellationToken) is not var (user, account)) return false;
        var context = DataExportJsonContext.Default;

        await using var json = new Utf8JsonWriter(output, WriterOptions);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteNumber("version", Version);
        json.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime);
        json.WriteString("userId", user.Id);

        json.WritePropertyName("profile");
        JsonSerializer.Serialize(json, new ExportProfile(
            user.FirstName, user.LastName, user.Title, user.PhoneNumber, user.Address, user.Bio, user.TimeZoneId), context.ExportProfile);

        json.WritePropertyName("account");
        JsonSerializer.Serialize(json, new ExportAccount(
            account.Email, account.UserName, account.Status.ToString(), account.LockedUntilUtc, account.EmailVerified,
            account.EmailVerifiedAt, account.Roles, account.Permissions, account.Department, account.Organization,
            account.CreatedAt, account.LastSignInAt, account.LastPasswordChangeAt, user.DeletionRequestedAt), context.ExportAccount);

        // Every attribute the person has a value of, shown on their profile or not: it is data about them.
        json.WriteStartArray("attributes");
        foreach (var attribute in (await attributes.ValuesOfAsync(userId, cancellationToken)).Where(a => a.Value is not null))
        {
            JsonSerializer.Serialize(json, new ExportAttributeValue(attribute.Definition.Key, attribute.Definition.Label, attribute.Value!), context.ExportAttributeValue);
        }

        json.WriteEndArray();

        json.WritePropertyName("avatar");
        var character = await avatars.FindCharacterAsync(userId, cancellationToken);
        using var characterJson = character is null ? null : JsonDocument.Parse(character.ToJson());
        JsonSerializer.Serialize(json, new ExportAvatar(
            user.HasAvatar, user.HasAvatar ? Absolute(AvatarEndpoint.Url(user.Id, user.AvatarVersion, AvatarEndpoint.Sizes[0])) : null,
            user.AvatarIsCharacter, user.AvatarIsCharacter ? Absolute(AvatarEndpoint.FullBodyUrl(user.Id, user.AvatarVersion)) : null,
            characterJson?.RootElement), context.ExportAvatar);

        // Whether two-factor is on and how many recovery codes are left; never the authenticator key or the codes.
        json.WritePropertyName("twoFactor");
        JsonSerializer.Serialize(json, new ExportTwoFactor(
            await userManager.GetTwoFactorEnabledAsync(user), await userManager.CountRecoveryCodesAsync(user)), context.ExportTwoFactor);

        // Names and dates only: the credential id and public key are key material and stay out.
        var passkeys = await db.UserPasskeys.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken);
        json.WriteStartArray("passkeys");
        foreach (var passkey in passkeys.OrderBy(p => p.Data.CreatedAt))
        {
            JsonSerializer.Serialize(json, new ExportPasskey(passkey.Data.Name, passkey.Data.CreatedAt.UtcDateTime, passkey.LastUsedAt), context.ExportPasskey);
        }

        json.WriteEndArray();

        // Active sessions as the sessions page lists them; the key and the ticket are never read.
        json.WriteStartArray("sessions");
        foreach (var session in await sessions.ListActiveAsync(userId, currentSessionId, cancellationToken))
        {
            JsonSerializer.Serialize(json, new ExportSession(
                devices.Describe(session.UserAgent), session.UserAgent, session.IpAddress, session.CreatedAt, session.LastActivityAt, session.IsCurrent), context.ExportSession);
        }

        json.WriteEndArray();

        // Every token ever created and not removed, active or withdrawn; the hash column is not even selected.
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt)
            .Select(t => new { t.Description, t.Scopes, t.DisplayPrefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.LastUsedIp, t.RevokedAt })
            .ToListAsync(cancellationToken);
        json.WriteStartArray("apiTokens");
        foreach (var token in tokens)
        {
            JsonSerializer.Serialize(json, new ExportApiToken(
                token.Description, ScopeNames(token.Scopes), token.DisplayPrefix, token.CreatedAt, token.ExpiresAt,
                token.LastUsedAt, token.LastUsedIp, token.RevokedAt), context.ExportApiToken);
        }

        json.WriteEndArray();

        // Channels as the Notifications page shows them: the ProtectedSecret column (URLs, signing secret) is not selected.
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Kind)
            .Select(c => new ExportNotificationChannel(c.Kind.ToString(), c.DisplayTarget, c.Enabled, c.ConfirmedAt != null, c.ConfirmedAt))
            .ToListAsync(cancellationToken);
        json.WritePropertyName("notificationSettings");
        JsonSerializer.Serialize(json, new ExportNotificationSettings(user.NotificationFrequency.ToString(), channels), context.ExportNotificationSettings);

        json.WriteStartArray("notificationDeliveries");
        await foreach (var d in notifications.Deliveries(userId, newestFirst: false).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(json, new ExportNotificationDelivery(
                d.Channel.ToString(), d.Subject, d.Status.ToString(), d.Attempts, d.CreatedAt, d.LastAttemptAt, d.SentAt, d.LastError), context.ExportNotificationDelivery);
        }

        json.WriteEndArray();
        await FlushAsync(json, output, cancellationToken);

        // Who acted for the person, read before the log streams: few distinct ids however long the log is.
        var actors = await auditActors.ResolveAsync(
            await db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId && e.ActorId != null).Select(e => e.ActorId).Distinct().ToListAsync(cancellationToken),
            cancellationToken);

        // The whole log, oldest first (the order things happened), streamed row by row.
        json.WriteStartArray("securityLog");
        var written = 0;
        await foreach (var e in db.SecurityEvents.AsNoTracking().Where(e => e.UserId == userId)
                           .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var actor = e.ActorId is { } id ? actors.GetValueOrDefault(id) : null;
            // byAdministrator keeps its version 1 meaning (someone else did it); an administrator is not named, an
            // identity provider is (by its provisioning token), as on the security log page.
            JsonSerializer.Serialize(json, new ExportSecurityEvent(
                e.OccurredAt, e.Type.ToString(), eventText.Describe(e, actor?.Kind), e.Detail, e.IpAddress, e.UserAgent, e.ActorId is not null,
                ActorKindName(actor), actor?.Kind == ActorKind.Provisioning ? actor.Name : null), context.ExportSecurityEvent);
            if (++written % FlushEvery == 0) await FlushAsync(json, output, cancellationToken);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await FlushAsync(json, output, cancellationToken);
        return true;
    }

    private static async Task FlushAsync(Utf8JsonWriter json, PipeWriter output, CancellationToken cancellationToken)
    {
        json.Flush();
        await output.FlushAsync(cancellationToken);
    }

    private string Absolute(string path) => portal.Value.PublicBaseUri is null ? path : portal.Value.PublicBase + path;

    private static string? ActorKindName(AuditActor? actor) => actor?.Kind switch
    {
        ActorKind.Administrator => "administrator",
        ActorKind.Provisioning => "provisioning",
        _ => null,
    };

    private static List<string> ScopeNames(TokenScopes scopes)
        => [.. Enum.GetValues<TokenScopes>().Where(s => s != TokenScopes.None && scopes.HasFlag(s)).Select(Api.ApiScopes.Name)];
}
