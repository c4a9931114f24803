using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// Puts notifications into the outbox (SPEC 2.8): adds the notification and one delivery per channel to the caller's
/// DbContext, so they are saved in the caller's transaction together with the event itself; the caller saves.
/// Security alerts go at once to the email (the confirmed notification address, else the login email) and every other
/// enabled channel; other notices follow the person's frequency (at once, in an hourly or daily digest, or not at all)
/// on the channels switched on.
/// </summary>
public sealed class NotificationOutbox(IOptionsMonitor<NotificationOptions> options, TimeProvider clock, TimeZoneCatalog zones)
{
    /// <summary>Adds <paramref name="message"/> for <paramref name="user"/>; false when nothing is to be sent.</summary>
    public async Task<bool> QueueAsync(AppDbContext db, AppUser user, NotificationKind kind, RenderedNotification message,
        string? alsoToEmail = null, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var alert = NotificationComposer.IsSecurityAlert(kind);
        if (!alert && user.NotificationFrequency == NotificationFrequency.Off) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var slot = alert ? null : DigestSchedule.NextSlot(user.NotificationFrequency, now, zones.Find(user.TimeZoneId), settings.DailyDigestHour);
        var channels = await db.NotificationChannels.Where(c => c.UserId == user.Id).ToListAsync(cancellationToken);
        var notification = NewNotification(user, kind, message, alert, now);

        if (settings.IsEnabled(NotificationChannelKind.Email))
        {
            var email = channels.FirstOrDefault(c => c.Kind == NotificationChannelKind.Email);
            // The email channel's switch governs notices only: security alerts are always emailed.
            if ((alert || email is null || email.Enabled) && NotificationAddress(user, email) is { } address)
            {
                notification.Deliveries.Add(NewDelivery(user, NotificationChannelKind.Email, email?.Id, address, slot ?? now, slot is not null, now));
            }
        }

        foreach (var channel in channels.Where(c => c.Kind != NotificationChannelKind.Email && c.Enabled && c.ConfirmedAt is not null && settings.IsEnabled(c.Kind)))
        {
            notification.Deliveries.Add(NewDelivery(user, channel.Kind, channel.Id, channel.Target, slot ?? now, slot is not null, now));
        }

        if (alsoToEmail is not null && settings.IsEnabled(NotificationChannelKind.Email))
        {
            notification.Deliveries.Add(NewDelivery(user, NotificationChannelKind.Email, null, alsoToEmail, now, false, now));
        }

        if (notification.Deliveries.Count == 0) return false;
        db.Notifications.Add(notification);
        NotificationCommitSignal.MarkQueued(db);
        return true;
    }

    /// <summary>Adds a test message for one channel, sent at once whatever the frequency ("Send test").</summary>
    public void QueueTest(AppDbContext db, AppUser user, NotificationChannel channel, RenderedNotification message)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var notification = NewNotification(user, NotificationKind.Test, message, alert: false, now);
        var destination = channel.Kind == NotificationChannelKind.Email ? NotificationAddress(user, channel) : channel.Target;
        notification.Deliveries.Add(NewDelivery(user, channel.Kind, channel.Id, destination, now, false, now));
        db.Notifications.Add(notification);
        NotificationCommitSignal.MarkQueued(db);
    }

    /// <summary>Where email notifications go: the confirmed notification address, otherwise the login email.</summary>
    public static string? NotificationAddress(AppUser user, NotificationChannel? email)
        => email is { Target: not null, ConfirmedAt: not null } ? email.Target : user.Email;

    private static Notification NewNotification(AppUser user, NotificationKind kind, RenderedNotification message, bool alert, DateTime now) => new()
    {
        UserId = user.Id,
        Kind = kind,
        IsSecurityAlert = alert,
        Subject = Truncate(message.Subject, Data.Configurations.NotificationConfiguration.SubjectMaxLength),
        Body = Truncate(message.Body, Data.Configurations.NotificationConfiguration.BodyMaxLength),
        ActionUrl = message.ActionUrl,
        CreatedAt = now,
    };

    private static NotificationDelivery NewDelivery(AppUser user, NotificationChannelKind channel, Guid? channelId, string? destination, DateTime due, bool digest, DateTime now) => new()
    {
        UserId = user.Id,
        Channel = channel,
        ChannelId = channelId,
        Destination = destination,
        Status = NotificationDeliveryStatus.Pending,
        IsDigest = digest,
        DueAt = due,
        CreatedAt = now,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>
/// Wakes this node's worker when a transaction that queued notifications commits (or a save without one completes),
/// so an alert leaves within moments instead of at the next poll; other nodes find it at their next poll.
/// </summary>
public sealed class NotificationCommitSignal : DbTransactionInterceptor, ISaveChangesInterceptor, IDisposable
{
    private static readonly ConditionalWeakTable<DbContext, object> Queued = new();
    private readonly SemaphoreSlim _signal = new(0, 1);

    public static void MarkQueued(DbContext db) => Queued.AddOrUpdate(db, Queued);

    /// <summary>Waits until something was queued on this node or <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();

    public void Signal()
    {
        try { _signal.Release(); } catch (SemaphoreFullException) { /* already signalled */ }
    }

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Queued.Remove(db)) Signal();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db && Queued.Remove(db)) Signal();
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && Queued.Remove(db)) Signal();
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null && Queued.Remove(db)) Signal();
        return result;
    }
}
