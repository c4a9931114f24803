using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Email;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>One delivery as the page and the data export show it.</summary>
public sealed record DeliveryRow(
    NotificationChannelKind Channel,
    string Subject,
    NotificationDeliveryStatus Status,
    int Attempts,
    DateTime CreatedAt,
    DateTime? SentAt,
    DateTime? LastAttemptAt,
    string? LastError);

/// <summary>A channel the deployment offers, with the person's saved contact (if any) and its last delivery.</summary>
public sealed record ChannelView(NotificationChannelKind Kind, NotificationChannel? Saved, DeliveryRow? LastDelivery)
{
    /// <summary>Email is on unless switched off; the other channels once saved and switched on.</summary>
    public bool Enabled => Saved?.Enabled ?? Kind == NotificationChannelKind.Email;

    /// <summary>Email always has a contact (the login email); the other channels once saved.</summary>
    public bool IsSetUp => Saved is not null || Kind == NotificationChannelKind.Email;

    /// <summary>An email address other than the login email that was not confirmed yet.</summary>
    public bool AwaitingConfirmation => Kind == NotificationChannelKind.Email && Saved is { Target: not null, ConfirmedAt: null };

    public bool IsUrl => NotificationSettingsService.IsUrlChannel(Kind);
}

public sealed record NotificationSettings(IReadOnlyList<ChannelView> Channels, IReadOnlyList<DeliveryRow> Deliveries);

/// <summary>The outcome of saving a channel: errors, or what to tell the person (a new signing secret is shown once).</summary>
public sealed record ChannelSaveResult(ValidationResult Validation, string? NewSigningSecret = null, bool ConfirmationSent = false);

public enum SendTestOutcome { Queued, TooSoon, NotSaved }

public enum ConfirmEmailOutcome { Confirmed, Invalid, Expired }

/// <summary>
/// The Notifications settings page (SPEC 2.8): each channel's contact and switch, the frequency, "Send test", the
/// confirmation of a notification email address, and the last deliveries. URLs and the webhook signing secret are
/// stored only encrypted (<see cref="ChannelSecrets"/>); only a shortened form is ever shown again.
/// </summary>
public sealed class NotificationSettingsService(
    AppDbContext db,
    IValidator<NotificationChannelInput> channelValidator,
    IValidator<NotificationFrequencyInput> frequencyValidator,
    IOptionsMonitor<NotificationOptions> options,
    ChannelSecrets secrets,
    NotificationOutbox outbox,
    NotificationComposer composer,
    SecurityLogService securityLog,
    EmailOutbox mail,
    PublicLinks links,
    TimeZoneCatalog zones,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    public const int DeliveriesShown = 50;

    /// <summary>"Send test" at most this often per channel, so the portal cannot be used to relay messages.</summary>
    public static readonly TimeSpan TestInterval = TimeSpan.FromMinutes(1);

    /// <summary>A confirmation link is mailed at most this often, so the form cannot flood someone's mailbox.</summary>
    public static readonly TimeSpan ConfirmationInterval = TimeSpan.FromMinutes(1);

    public static bool IsUrlChannel(NotificationChannelKind kind)
        => kind is NotificationChannelKind.Slack or NotificationChannelKind.Teams or NotificationChannelKind.Webhook;

    public IEnumerable<NotificationChannelKind> OfferedChannels => options.CurrentValue.EnabledChannels;

    public async Task<NotificationSettings> LoadAsync(AppUser user, CancellationToken cancellationToken)
    {
        var saved = await db.NotificationChannels.AsNoTracking().Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        var deliveries = await Deliveries(user.Id).Take(DeliveriesShown).ToListAsync(cancellationToken);
        var channels = new List<ChannelView>();
        foreach (var kind in OfferedChannels)
        {
            // Usually among the last 50; otherwise one look along the (UserId, CreatedAt) index.
            var last = deliveries.FirstOrDefault(d => d.Channel == kind)
                       ?? await Deliveries(user.Id, channel: kind).FirstOrDefaultAsync(cancellationToken);
            channels.Add(new ChannelView(kind, saved.FirstOrDefault(c => c.Kind == kind), last));
        }

        return new NotificationSettings(channels, deliveries);
    }

    /// <summary>The person's deliveries along the (UserId, CreatedAt) index: newest first for the page, oldest first for the data export.</summary>
    public IQueryable<DeliveryRow> Deliveries(Guid userId, bool newestFirst = true, NotificationChannelKind? channel = null)
    {
        var rows = db.NotificationDeliveries.AsNoTracking().Where(d => d.UserId == userId);
        if (channel is { } kind) rows = rows.Where(d => d.Channel == kind);
        rows = newestFirst ? rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id) : rows.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id);
        return rows.Select(d => new DeliveryRow(d.Channel, d.Notification.Subject, d.Status, d.Attempts, d.CreatedAt, d.SentAt, d.LastAttemptAt, d.LastError));
    }

    /// <summary>Validates and saves one channel's contact and switch; nothing changes when the input is refused.</summary>
    public async Task<ChannelSaveResult> SaveChannelAsync(AppUser user, NotificationChannelInput input, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Kind == input.Kind, cancellationToken);
        input.HasSavedContact = channel?.ProtectedSecret is not null;
        var validation = await channelValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new ChannelSaveResult(validation);

        var now = clock.GetUtcNow().UtcDateTime;
        var contact = string.IsNullOrWhiteSpace(input.Contact) ? null : input.Contact.Trim();
        if (channel is null)
        {
            channel = new NotificationChannel { UserId = user.Id, Kind = input.Kind, CreatedAt = now };
            db.NotificationChannels.Add(channel);
        }

        channel.Enabled = input.Enabled;
        channel.UpdatedAt = now;
        string? newSecret = null;
        string? confirmationCode = null;
        switch (input.Kind)
        {
            case NotificationChannelKind.Email:
                // The login email needs no confirmation; so does an address that is already the saved one.
                if (contact is null || string.Equals(contact, user.Email, StringComparison.OrdinalIgnoreCase))
                {
                    SetEmailTarget(channel, null, user.Email ?? "", confirmedAt: now);
                }
                else if (!string.Equals(contact, channel.Target, StringComparison.OrdinalIgnoreCase))
                {
                    if (ConfirmationRecentlySent(channel, now))
                        return new ChannelSaveResult(ValidationErrors.Failure(nameof(NotificationChannelInput.Contact), t["A confirmation link was sent less than a minute ago. Wait a minute, then try again."]));
                    SetEmailTarget(channel, contact, contact, confirmedAt: null);
                    confirmationCode = NewConfirmation(channel, now);
                }

                break;
            case NotificationChannelKind.Sms or NotificationChannelKind.Telegram:
                channel.Target = input.Kind == NotificationChannelKind.Sms ? Profile.PhoneNumbers.Normalize(contact) : contact;
                channel.DisplayTarget = channel.Target!;
                channel.ConfirmedAt = now;
                break;
            default:
                if (contact is not null)
                {
                    newSecret = input.Kind == NotificationChannelKind.Webhook ? NewSigningSecret() : null;
                    channel.ProtectedSecret = secrets.Protect(new ChannelSecret(contact, newSecret));
                    channel.DisplayTarget = ShortUrl(contact);
                    channel.ConfirmedAt = now;
                }

                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (confirmationCode is not null) MailConfirmation(user, channel.Target!, confirmationCode);
        await securityLog.RecordAsync(user.Id, SecurityEventType.NotificationChannelChanged, input.Kind.ToString(), cancellationToken: cancellationToken);
        return new ChannelSaveResult(validation, newSecret, confirmationCode is not null);
    }

    /// <summary>Removes a channel (email: goes back to the login email); false when there was nothing to remove.</summary>
    public async Task<bool> RemoveChannelAsync(AppUser user, NotificationChannelKind kind, CancellationToken cancellationToken)
    {
        var removed = await db.NotificationChannels
            .Where(c => c.UserId == user.Id && c.Kind == kind && (kind != NotificationChannelKind.Email || c.Target != null))
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0) return false;
        await securityLog.RecordAsync(user.Id, SecurityEventType.NotificationChannelRemoved, kind.ToString(), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>A new signing secret for the webhook, replacing the old one (returned to be shown once); null without a webhook.</summary>
    public async Task<string?> RegenerateSigningSecretAsync(AppUser user, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Kind == NotificationChannelKind.Webhook, cancellationToken);
        if (channel?.ProtectedSecret is null) return null;
        var secret = NewSigningSecret();
        channel.ProtectedSecret = secrets.Protect(secrets.Unprotect(channel.ProtectedSecret) with { SigningSecret = secret });
        channel.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await securityLog.RecordAsync(user.Id, SecurityEventType.NotificationChannelChanged, channel.Kind.ToString(), cancellationToken: cancellationToken);
        return secret;
    }

    /// <summary>Mails a new confirmation link to the waiting address ("Send again"); false when none is waiting.</summary>
    public async Task<bool?> ResendConfirmationAsync(AppUser user, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(
            c => c.UserId == user.Id && c.Kind == NotificationChannelKind.Email && c.Target != null && c.ConfirmedAt == null, cancellationToken);
        if (channel is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (ConfirmationRecentlySent(channel, now)) return null;
        var code = NewConfirmation(channel, now);
        await db.SaveChangesAsync(cancellationToken);
        MailConfirmation(user, channel.Target!, code);
        return true;
    }

    /// <summary>Whether <paramref name="code"/> confirms a waiting address of <paramref name="user"/> (nothing is changed).</summary>
    public async Task<ConfirmEmailOutcome> CheckConfirmationAsync(AppUser user, string? code, CancellationToken cancellationToken)
        => Outcome(await WaitingChannelAsync(user, code, cancellationToken));

    /// <summary>Confirms the address the link was sent to; the link works once.</summary>
    public async Task<ConfirmEmailOutcome> ConfirmEmailAsync(AppUser user, string? code, CancellationToken cancellationToken)
    {
        var channel = await WaitingChannelAsync(user, code, cancellationToken);
        var outcome = Outcome(channel);
        if (outcome != ConfirmEmailOutcome.Confirmed) return outcome;
        channel!.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
        channel.ConfirmationHash = null;
        channel.ConfirmationExpiresAt = null;
        channel.UpdatedAt = channel.ConfirmedAt.Value;
        await db.SaveChangesAsync(cancellationToken);
        await securityLog.RecordAsync(user.Id, SecurityEventType.NotificationChannelChanged, channel.Kind.ToString(), cancellationToken: cancellationToken);
        return outcome;
    }

    /// <summary>Queues a test message to one channel, at most once a minute per channel.</summary>
    public async Task<SendTestOutcome> SendTestAsync(AppUser user, NotificationChannelKind kind, CancellationToken cancellationToken)
    {
        var channel = await db.NotificationChannels.SingleOrDefaultAsync(c => c.UserId == user.Id && c.Kind == kind, cancellationToken);
        if (channel is null && kind == NotificationChannelKind.Email)
        {
            // The login email needs no row until now: the delivery refers to its channel.
            var now = clock.GetUtcNow().UtcDateTime;
            channel = new NotificationChannel { UserId = user.Id, Kind = kind, Enabled = true, DisplayTarget = user.Email ?? "", ConfirmedAt = now, CreatedAt = now, UpdatedAt = now };
            db.NotificationChannels.Add(channel);
        }

        if (channel is null || channel.ConfirmedAt is null && kind != NotificationChannelKind.Email) return SendTestOutcome.NotSaved;

        var since = clock.GetUtcNow().UtcDateTime - TestInterval;
        if (await db.NotificationDeliveries.AnyAsync(d => d.UserId == user.Id && d.Channel == kind && d.CreatedAt > since
                                                          && d.Notification.Kind == NotificationKind.Test, cancellationToken))
        {
            return SendTestOutcome.TooSoon;
        }

        outbox.QueueTest(db, user, channel, composer.Test(user));
        await db.SaveChangesAsync(cancellationToken);
        return SendTestOutcome.Queued;
    }

    /// <summary>
    /// Saves the frequency and moves the person's pending digest deliveries to match, in one statement: sent at once
    /// (Instantly), to the new digest's next slot, or marked failed (Off). Rows a worker is sending right now are left.
    /// </summary>
    public async Task<ValidationResult> SaveFrequencyAsync(AppUser user, NotificationFrequencyInput input, CancellationToken cancellationToken)
    {
        var validation = await frequencyValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;
        var frequency = Enum.Parse<NotificationFrequency>(input.Frequency!);
        if (frequency == user.NotificationFrequency) return validation;

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.NotificationFrequency, frequency), cancellationToken);
        var pending = db.NotificationDeliveries.Where(d => d.UserId == user.Id && d.Status == NotificationDeliveryStatus.Pending && d.IsDigest
                                                           && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now));
        if (frequency == NotificationFrequency.Instantly)
        {
            await pending.ExecuteUpdateAsync(s => s.SetProperty(d => d.IsDigest, false).SetProperty(d => d.DueAt, now), cancellationToken);
        }
        else if (frequency == NotificationFrequency.Off)
        {
            await pending.ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, NotificationDeliveryStatus.Failed)
                .SetProperty(d => d.LastError, DeliveryFailures.NotificationsSwitchedOff), cancellationToken);
        }
        else
        {
            var slot = DigestSchedule.NextSlot(frequency, now, zones.Find(user.TimeZoneId), options.CurrentValue.DailyDigestHour)!.Value;
            await pending.ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, slot), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        user.NotificationFrequency = frequency;
        // The tracked copy already holds the new value: a later save of the user must not see it as a change.
        if (db.Entry(user) is { State: EntityState.Modified or EntityState.Unchanged } entry)
            entry.Property(u => u.NotificationFrequency).OriginalValue = frequency;
        await securityLog.RecordAsync(user.Id, SecurityEventType.NotificationFrequencyChanged, frequency.ToString(), cancellationToken: cancellationToken);
        return validation;
    }

    /// <summary>"hooks.slack.com/…/x1Yz": the host and the path's last 4 characters, enough to recognise, not to use.</summary>
    public static string ShortUrl(string url)
    {
        var uri = new Uri(url);
        var path = uri.AbsolutePath.TrimEnd('/');
        return uri.Authority + "/…/" + (path.Length <= 4 ? path.TrimStart('/') : path[^4..]);
    }

    /// <summary>SHA-256 of the link's code, hex: what is stored, so a database reader cannot confirm an address.</summary>
    public static string HashCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private static void SetEmailTarget(NotificationChannel channel, string? target, string display, DateTime? confirmedAt)
    {
        channel.Target = target;
        channel.DisplayTarget = display;
        channel.ConfirmedAt = confirmedAt;
        channel.ConfirmationHash = null;
        channel.ConfirmationExpiresAt = null;
    }

    private bool ConfirmationRecentlySent(NotificationChannel channel, DateTime now)
        => channel.ConfirmationExpiresAt is { } expires && expires - options.CurrentValue.ConfirmationLinkLifetime > now - ConfirmationInterval;

    private string NewConfirmation(NotificationChannel channel, DateTime now)
    {
        var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        channel.ConfirmationHash = HashCode(code);
        channel.ConfirmationExpiresAt = now + options.CurrentValue.ConfirmationLinkLifetime;
        return code;
    }

    private static string NewSigningSecret() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private void MailConfirmation(AppUser user, string address, string code)
    {
        // From Portal:PublicBaseUrl, never the request's Host.
        var link = links.Page("/Settings/Notifications/ConfirmEmail", new { code });
        var html = HtmlEncoder.Default;
        var message = PortalLanguages.In(user.PreferredLanguage, () =>
        {
            var intro = t["You asked ProfilePortal to send your notifications to this address. To confirm it, sign in and open this link within {0} hours:", (int)options.CurrentValue.ConfirmationLinkLifetime.TotalHours];
            var outro = t["If it was not you, ignore this message: nothing will be sent here."];
            return new EmailMessage(address, t["Confirm your notification email address"], $"{intro}\n\n{link}\n\n{outro}\n",
                $"<p>{html.Encode(intro)}</p><p><a href=\"{html.Encode(link)}\">{html.Encode(t["Confirm this address"])}</a></p><p>{html.Encode(outro)}</p>");
        });
        mail.Enqueue(message);
    }

    private async Task<NotificationChannel?> WaitingChannelAsync(AppUser user, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100) return null;
        var hash = HashCode(code);
        // Another person's link is treated as unknown: it says nothing about their address.
        return await db.NotificationChannels.SingleOrDefaultAsync(
            c => c.ConfirmationHash == hash && c.UserId == user.Id && c.Kind == NotificationChannelKind.Email, cancellationToken);
    }

    private ConfirmEmailOutcome Outcome(NotificationChannel? channel)
        => channel is null ? ConfirmEmailOutcome.Invalid
            : channel.ConfirmationExpiresAt <= clock.GetUtcNow().UtcDateTime ? ConfirmEmailOutcome.Expired
            : ConfirmEmailOutcome.Confirmed;
}
