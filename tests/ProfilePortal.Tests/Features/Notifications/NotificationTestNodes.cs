using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// Stands in for the email channel: records every message it is given, and fails, or takes its time, when a test says
/// so. Registered over <see cref="EmailNotificationSender"/>, so the worker's claim, lease and bookkeeping are real.
/// </summary>
public sealed class RecordingEmailSender : INotificationChannelSender
{
    public NotificationChannelKind Channel => NotificationChannelKind.Email;

    public ConcurrentQueue<OutgoingNotification> Sent { get; } = new();

    /// <summary>Messages to these addresses fail with this exception (a transient failure unless it says permanent).</summary>
    public ConcurrentDictionary<string, NotificationSendException> FailFor { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long each send takes (a slow mail server).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Runs at the start of each send (e.g. to move the test clock as a slow send would).</summary>
    public Func<OutgoingNotification, Task>? OnSend { get; set; }

    public async Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        if (OnSend is { } onSend) await onSend(message);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, CancellationToken.None);
        if (FailFor.TryGetValue(message.Destination, out var failure)) throw failure;
        Sent.Enqueue(message);
    }

    public List<OutgoingNotification> To(string address) => Sent.Where(m => string.Equals(m.Destination, address, StringComparison.OrdinalIgnoreCase)).ToList();
}

/// <summary>
/// The app with the background worker and scheduler off (tests run their rounds with the clock where they want it) and
/// email going to a <see cref="RecordingEmailSender"/>. <see cref="NodeOnTheSameDatabase"/> makes another app instance on
/// this one's database, as a second node (or this node after a restart) would be.
/// </summary>
public class NotificationTestNode : PortalFactory
{
    private readonly bool _workerEnabled;

    public NotificationTestNode()
    {
    }

    protected NotificationTestNode(NotificationTestNode databaseOwner, bool workerEnabled) : base(databaseOwner) => _workerEnabled = workerEnabled;

    /// <summary>Another node on this one's database; only a node made with <paramref name="workerEnabled"/> runs the background worker.</summary>
    public NotificationTestNode NodeOnTheSameDatabase(bool workerEnabled) => new OtherNode(this, workerEnabled);

    public RecordingEmailSender Email { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Worker:Enabled"] = "false",
        ["Notifications:Worker:MaxAttempts"] = "6",
        ["Notifications:Worker:FirstRetryDelay"] = "00:00:30",
        ["Notifications:Worker:MaxRetryDelay"] = "00:01:30",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Per node, after the database owner's settings: only this node runs the background worker.
        if (_workerEnabled) builder.UseSetting("Notifications:Worker:Enabled", "true");
        builder.ConfigureTestServices(services =>
        {
            foreach (var email in services.Where(d => d.ServiceType == typeof(INotificationChannelSender) && d.ImplementationType == typeof(EmailNotificationSender)).ToList())
            {
                services.Remove(email);
            }

            services.AddSingleton<INotificationChannelSender>(Email);
        });
    }

    public NotificationWorker Worker => Service<NotificationWorker>();

    /// <summary>Sets this node's clock and <paramref name="other"/>'s to the later of the two, as nodes share one wall clock.</summary>
    public void SynchronizeClock(PortalFactory other)
    {
        var difference = other.Clock.GetUtcNow() - Clock.GetUtcNow();
        if (difference > TimeSpan.Zero) Clock.Advance(difference);
        else other.Clock.Advance(-difference);
    }

    /// <summary>The warnings and errors this node logged, for a failure message.</summary>
    public string Problems => string.Join('\n', Logs.GetSnapshot()
        .Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Warning || r.Category?.Contains("Notification", StringComparison.Ordinal) == true)
        .TakeLast(40).Select(r => r.Text())) + $"\nclock {Clock.GetUtcNow():O}, worker enabled: {Service<Microsoft.Extensions.Options.IOptionsMonitor<NotificationOptions>>().CurrentValue.Worker.Enabled}";

    /// <summary>Runs worker rounds until nothing is due.</summary>
    public async Task DrainAsync()
    {
        while (await Worker.RunOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    public Task ScanAsync() => Service<NotificationScheduler>().RunOnceAsync(CancellationToken.None);

    /// <summary>The person's notifications with their deliveries, oldest first.</summary>
    public Task<List<Notification>> NotificationsOfAsync(Guid userId) => InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Notifications
        .AsNoTracking().Include(n => n.Deliveries).Where(n => n.UserId == userId).OrderBy(n => n.Id).ToListAsync());

    public Task<List<NotificationDelivery>> DeliveriesOfAsync(Guid userId) => InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NotificationDeliveries
        .AsNoTracking().Where(d => d.UserId == userId).OrderBy(d => d.Id).ToListAsync());

    public Task ChangeUserAsync(Guid userId, Action<AppUser> change) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        change(await db.Users.SingleAsync(u => u.Id == userId));
        await db.SaveChangesAsync();
    });

    /// <summary>Queues <paramref name="count"/> test notifications by email for the person, as "Send test" would (sent at once).</summary>
    public Task QueueTestsAsync(Guid userId, int count) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var channel = new NotificationChannel { Id = Guid.NewGuid(), UserId = userId, Kind = NotificationChannelKind.Email, Enabled = true, CreatedAt = Clock.GetUtcNow().UtcDateTime, UpdatedAt = Clock.GetUtcNow().UtcDateTime };
        db.NotificationChannels.Add(channel);
        var outbox = sp.GetRequiredService<NotificationOutbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.QueueTest(db, user, channel, new RenderedNotification($"Test {i}", "Body", null));
        }

        await db.SaveChangesAsync();
    });

    private sealed class OtherNode(NotificationTestNode databaseOwner, bool workerEnabled) : NotificationTestNode(databaseOwner, workerEnabled);
}
