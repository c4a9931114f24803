using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// Sends the outbox (SPEC 2.8). Each round claims a batch of due deliveries with a lease (one UPDATE, so two workers on
/// two nodes never claim the same row), sends them a few at a time, and records each outcome only while the row still
/// carries this worker's lease. A failed send is retried with exponential back-off up to a cap, then marked failed. A
/// stopped worker finishes the sends in progress and records them; a crashed one leaves leases that run out, and the
/// rows are sent by the next round on any node. Digest rows due together for one person and channel go as one message.
/// </summary>
public sealed partial class NotificationWorker(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptionsMonitor<NotificationOptions> options,
    NotificationCommitSignal signal,
    IEnumerable<INotificationChannelSender> senders,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    private readonly Dictionary<NotificationChannelKind, INotificationChannelSender> _senders = senders.ToDictionary(s => s.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Worker.Enabled) return;
        // Start-up work (migrations, seeding) first; the first round runs right after.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(options.CurrentValue.Worker.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims one batch of due deliveries and sends it; the number of deliveries handled (0: nothing due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = Guid.NewGuid();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var due = await db.NotificationDeliveries
            .Where(d => d.Status == NotificationDeliveryStatus.Pending && d.DueAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .OrderBy(d => d.DueAt).ThenBy(d => d.UserId).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(settings.Worker.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0) return 0;

        var leaseEnd = now + settings.Worker.LeaseDuration;
        // From the claim on, a stop does not cancel the round: it ends by recording or releasing every row it claimed,
        // so a graceful stop leaves nothing under a lease for the next start to wait out.
        var claimed = await db.NotificationDeliveries
            .Where(d => due.Contains(d.Id) && d.Status == NotificationDeliveryStatus.Pending && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseId, lease).SetProperty(d => d.LeaseExpiresAt, leaseEnd), CancellationToken.None);
        // Another node claimed them first: the caller's loop looks again.
        if (claimed == 0) return due.Count;

        var rows = await db.NotificationDeliveries.Include(d => d.Notification).Where(d => d.LeaseId == lease).ToListAsync(CancellationToken.None);
        var channelIds = rows.Where(r => r.ChannelId is not null).Select(r => r.ChannelId!.Value).Distinct().ToList();
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, CancellationToken.None);
        var digestUserIds = rows.Where(r => r.IsDigest).Select(r => r.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => digestUserIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, CancellationToken.None);

        var groups = rows.Where(r => r.IsDigest)
            .GroupBy(r => (r.UserId, r.Channel, r.ChannelId, r.Destination))
            .Select(g => g.OrderBy(r => r.Notification.CreatedAt).ThenBy(r => r.Id).ToList())
            .Concat(rows.Where(r => !r.IsDigest).Select(r => new List<NotificationDelivery> { r }))
            .ToList();

        var composer = scope.ServiceProvider.GetRequiredService<NotificationComposer>();
        var secrets = scope.ServiceProvider.GetRequiredService<ChannelSecrets>();
        var outcomes = new ConcurrentDictionary<List<NotificationDelivery>, NotificationSendException?>();
        var messages = groups.Select(g => (Group: g, Message: Prepare(g, channels, users, composer, secrets))).ToList();

        // Not cancelled by stoppingToken: a send under way finishes and is recorded (the HTTP/SMTP timeout bounds it).
        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Worker.Concurrency) }, async (item, _) =>
        {
            // The lease covers the whole batch: a send that could still run when it ends (another worker may then take
            // the row and send it too) is not started, nor one after a stop was asked for; the row is released below.
            if (cancellationToken.IsCancellationRequested || clock.GetUtcNow().UtcDateTime + settings.Worker.SendTimeout >= leaseEnd) return;
            outcomes[item.Group] = await SendAsync(item.Message, settings.Worker.SendTimeout);
        });

        var finished = clock.GetUtcNow().UtcDateTime;
        foreach (var (group, failure) in outcomes)
        {
            foreach (var row in group) Record(row, failure, finished, settings.Worker);
        }

        // Not attempted: back to the queue at once, no attempt counted.
        foreach (var row in rows.Where(r => r.LeaseId == lease))
        {
            row.LeaseId = null;
            row.LeaseExpiresAt = null;
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A lease ran out during a very slow round and another worker claimed a row: its outcome stands.
            LogLeaseLost(logger, lease);
        }

        return rows.Count;
    }

    /// <summary>The message of a group, or the reason it cannot be sent at all.</summary>
    private static Prepared Prepare(List<NotificationDelivery> group, Dictionary<Guid, NotificationChannel> channels,
        Dictionary<Guid, AppUser> users, NotificationComposer composer, ChannelSecrets secrets)
    {
        var first = group[0];
        NotificationChannel? channel = null;
        if (first.ChannelId is { } id && !channels.TryGetValue(id, out channel) || first.ChannelId is null && first.Channel != NotificationChannelKind.Email)
        {
            return new Prepared(null, new NotificationSendException(DeliveryFailures.ChannelRemoved, permanent: true));
        }

        if (channel is { Enabled: false } && first.Notification.Kind != NotificationKind.Test)
        {
            return new Prepared(null, new NotificationSendException(DeliveryFailures.ChannelSwitchedOff, permanent: true));
        }

        ChannelSecret? secret = null;
        if (channel?.ProtectedSecret is { } protectedSecret)
        {
            try
            {
                secret = secrets.Unprotect(protectedSecret);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return new Prepared(null, new NotificationSendException(DeliveryFailures.SecretUnreadable, permanent: true));
            }
        }

        var destination = first.Destination ?? channel?.Target ?? channel?.DisplayTarget ?? "";
        var notification = first.Notification;
        if (group.Count == 1)
        {
            return new Prepared(new OutgoingNotification(first.Id, first.Channel, destination, secret, notification.Kind,
                notification.Subject, notification.Body, notification.ActionUrl, notification.CreatedAt, first.UserId), null);
        }

        var subject = users.TryGetValue(first.UserId, out var user) ? composer.DigestSubject(user, group.Count) : notification.Subject;
        var body = string.Join("\n\n— — —\n\n", group.Select(r => r.Notification.Subject + "\n\n" + r.Notification.Body));
        return new Prepared(new OutgoingNotification(first.Id, first.Channel, destination, secret, notification.Kind,
            subject, body, notification.ActionUrl, group[^1].Notification.CreatedAt, first.UserId), null);
    }

    private async Task<NotificationSendException?> SendAsync(Prepared prepared, TimeSpan timeout)
    {
        if (prepared.Message is not { } message) return prepared.Failure;
        if (!_senders.TryGetValue(message.Channel, out var sender))
        {
            return new NotificationSendException(DeliveryFailures.ChannelNotOffered, permanent: true);
        }

        using var timeoutSource = new CancellationTokenSource(timeout);
        try
        {
            await sender.SendAsync(message, timeoutSource.Token);
            LogSent(logger, message.DeliveryId, message.Channel);
            return null;
        }
        catch (NotificationSendException failure)
        {
            LogSendFailed(logger, message.DeliveryId, message.Channel, failure.Reason);
            return failure;
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            LogSendFailed(logger, message.DeliveryId, message.Channel, "timeout");
            return new NotificationSendException(DeliveryFailures.Timeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The exception's message may hold a URL with its credential: only the type is kept.
            LogSendFailed(logger, message.DeliveryId, message.Channel, ex.GetType().Name);
            return new NotificationSendException(DeliveryFailures.Unknown);
        }
    }

    private static void Record(NotificationDelivery row, NotificationSendException? failure, DateTime now, WorkerOptions worker)
    {
        row.Attempts++;
        row.LastAttemptAt = now;
        row.LeaseId = null;
        row.LeaseExpiresAt = null;
        if (failure is null)
        {
            row.Status = NotificationDeliveryStatus.Sent;
            row.SentAt = now;
            row.LastError = null;
            return;
        }

        row.LastError = failure.Reason.Length <= Data.Configurations.NotificationDeliveryConfiguration.LastErrorMaxLength
            ? failure.Reason : failure.Reason[..Data.Configurations.NotificationDeliveryConfiguration.LastErrorMaxLength];
        if (failure.Permanent || row.Attempts >= worker.MaxAttempts)
        {
            row.Status = NotificationDeliveryStatus.Failed;
            return;
        }

        row.DueAt = now + RetryDelay(row.Attempts, worker);
    }

    /// <summary>First retry after FirstRetryDelay, doubling each time, never more than MaxRetryDelay.</summary>
    public static TimeSpan RetryDelay(int attempts, WorkerOptions worker)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(worker.FirstRetryDelay.Ticks * factor, worker.MaxRetryDelay.Ticks));
        return delay;
    }

    private sealed record Prepared(OutgoingNotification? Message, NotificationSendException? Failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification delivery {DeliveryId} sent by {Channel}")]
    private static partial void LogSent(ILogger logger, long deliveryId, NotificationChannelKind channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification delivery {DeliveryId} by {Channel} failed: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, long deliveryId, NotificationChannelKind channel, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification lease {LeaseId} ran out before its outcomes were saved")]
    private static partial void LogLeaseLost(ILogger logger, Guid leaseId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A notification round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
