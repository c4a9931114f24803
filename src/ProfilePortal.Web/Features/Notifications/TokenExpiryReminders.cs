using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// API token expiry reminders (SPEC 2.8): 7 days before, 1 day before, and when it has expired, each once per token.
/// A reminder is produced by the transaction that sets its bit on the token (a conditional UPDATE, so two nodes
/// scanning at once produce it once) and queues it. A stage is skipped when the token never lived that long (a token
/// made to last 3 days gets no "7 days" reminder) or when a later stage is already due; an expired token is reminded
/// only within <see cref="ExpiredReminderWindow"/>, so tokens that expired long before the upgrade stay quiet.
/// </summary>
public sealed class TokenExpiryReminders(AppDbContext db, NotificationOutbox outbox, NotificationComposer composer, TimeProvider clock)
{
    public static readonly TimeSpan ExpiredReminderWindow = TimeSpan.FromDays(7);
    private const int BatchSize = 200;

    /// <summary>Produces every reminder due now; the number produced.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(7);
        var oldest = now - ExpiredReminderWindow;
        const TokenReminders all = TokenReminders.SevenDays | TokenReminders.OneDay | TokenReminders.Expired;
        var produced = 0;
        var afterId = Guid.Empty;
        while (true)
        {
            var tokens = await db.PersonalAccessTokens.AsNoTracking()
                .Where(t => t.RevokedAt == null && t.ExpiresAt != null && t.ExpiresAt <= horizon && t.ExpiresAt > oldest
                            && t.RemindersSent != all && t.Id.CompareTo(afterId) > 0)
                .OrderBy(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (tokens.Count == 0) return produced;
            afterId = tokens[^1].Id;
            foreach (var token in tokens)
            {
                if (Due(token, now) is { } stage && await ProduceAsync(token, stage, cancellationToken)) produced++;
            }
        }
    }

    /// <summary>The reminder a token is due for at <paramref name="now"/>, if any.</summary>
    public static (NotificationKind Kind, TokenReminders Bits)? Due(PersonalAccessToken token, DateTime now)
    {
        if (token.ExpiresAt is not { } expires || token.RevokedAt is not null) return null;
        var left = expires - now;
        var lifetime = expires - token.CreatedAt;
        (NotificationKind, TokenReminders)? stage =
            left <= TimeSpan.Zero ? (NotificationKind.TokenExpired, TokenReminders.Expired | TokenReminders.OneDay | TokenReminders.SevenDays)
            : left <= TimeSpan.FromDays(1) ? (lifetime > TimeSpan.FromDays(1) ? (NotificationKind.TokenExpiresIn1Day, TokenReminders.OneDay | TokenReminders.SevenDays) : null)
            : left <= TimeSpan.FromDays(7) ? (lifetime > TimeSpan.FromDays(7) ? (NotificationKind.TokenExpiresIn7Days, TokenReminders.SevenDays) : null)
            : null;
        if (stage is not { } s) return null;
        var highest = s.Item1 switch
        {
            NotificationKind.TokenExpired => TokenReminders.Expired,
            NotificationKind.TokenExpiresIn1Day => TokenReminders.OneDay,
            _ => TokenReminders.SevenDays,
        };
        return (token.RemindersSent & highest) != 0 ? null : s;
    }

    private async Task<bool> ProduceAsync(PersonalAccessToken token, (NotificationKind Kind, TokenReminders Bits) stage, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, cancellationToken);
        if (user is null) return false;
        var highest = stage.Kind switch
        {
            NotificationKind.TokenExpired => TokenReminders.Expired,
            NotificationKind.TokenExpiresIn1Day => TokenReminders.OneDay,
            _ => TokenReminders.SevenDays,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.PersonalAccessTokens
            .Where(t => t.Id == token.Id && (t.RemindersSent & highest) == 0)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RemindersSent, t => t.RemindersSent | stage.Bits), cancellationToken);
        if (claimed == 0) return false;
        await outbox.QueueAsync(db, user, stage.Kind, composer.TokenReminder(user, stage.Kind, token), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }
}

/// <summary>
/// The periodic part of notifications: token expiry reminders, and deleting deliveries older than the retention
/// (TimeProvider-driven, so tests move the clock; every step is idempotent, so any number of nodes may run it).
/// </summary>
public sealed partial class NotificationScheduler(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptionsMonitor<NotificationOptions> options,
    ILogger<NotificationScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Worker.Enabled) return;
        using var timer = new PeriodicTimer(options.CurrentValue.ReminderScanInterval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogScanFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokenExpiryReminders>().ScanAsync(cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = clock.GetUtcNow().UtcDateTime - options.CurrentValue.DeliveryRetention;
        await db.Notifications
            .Where(n => n.CreatedAt < before && n.Deliveries.All(d => d.Status != NotificationDeliveryStatus.Pending))
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notification scan failed")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
