// Tool of bench/notifications.sh: puts notifications into the outbox of a database a running portal uses, and reads
// back how they were delivered. See bench/README.md.
//
//   queue <count>              <count> security alerts ("Your password was changed"), round robin over the bulk demo
//                              people (Seed:DemoUsers), composed and queued by the product's NotificationComposer and
//                              NotificationOutbox and saved in one transaction; prints the worker settings the
//                              configuration gives, then "BENCH-QUEUED <count> <first delivery id> <last id> <seconds>"
//   report <first> <last>      the deliveries with ids in [first, last]: "BENCH-REPORT" with counts by status, how many
//                              took more than one attempt, and the first and last SentAt (Unix seconds)
//
// The app's own configuration (environment variables such as ConnectionStrings__Default and Database__Provider, as the
// server got them) chooses the database; the app is built through WebApplicationFactory without a server and with its
// worker off, so this process never sends anything itself.
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;
using ProfilePortal.Web.Features.Seeding;

namespace NotificationsBench;

internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        await using var app = new OutboxApp();
        switch (args)
        {
            case ["queue", var count]:
                await QueueAsync(app.Services, int.Parse(count, CultureInfo.InvariantCulture));
                return 0;
            case ["report", var first, var last]:
                await ReportAsync(app.Services, long.Parse(first, CultureInfo.InvariantCulture), long.Parse(last, CultureInfo.InvariantCulture));
                return 0;
            default:
                Console.Error.WriteLine("usage: NotificationsBench queue <count> | report <first delivery id> <last delivery id>");
                return 2;
        }
    }

    private static async Task QueueAsync(IServiceProvider services, int count)
    {
        var worker = services.GetRequiredService<IOptions<NotificationOptions>>().Value.Worker;
        Console.WriteLine(FormattableString.Invariant(
            $"BENCH-WORKER Concurrency={worker.Concurrency} BatchSize={worker.BatchSize} PollInterval={worker.PollInterval.TotalSeconds}s"));

        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var composer = scope.ServiceProvider.GetRequiredService<NotificationComposer>();
        var outbox = scope.ServiceProvider.GetRequiredService<NotificationOutbox>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var prefix = DatabaseSeeder.BulkUserNamePrefix.ToUpperInvariant();
        var people = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName!.StartsWith(prefix)).OrderBy(u => u.NormalizedUserName).ToListAsync();
        if (people.Count == 0) throw new InvalidOperationException("No bulk demo people: start the portal once with Seed__DemoUsers.");

        // One transaction, as a burst of events would leave them: the worker finds them all due at its next round.
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var person = people[i % people.Count];
            var change = new SecurityEvent
            {
                UserId = person.Id,
                Type = SecurityEventType.PasswordChanged,
                OccurredAt = clock.GetUtcNow().UtcDateTime,
                IpAddress = "203.0.113." + (i % 250),
                UserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            };
            var message = composer.SecurityAlert(person, NotificationKind.PasswordChanged, change);
            if (!await outbox.QueueAsync(db, person, NotificationKind.PasswordChanged, message))
                throw new InvalidOperationException($"Nothing queued for {person.UserName}: is the email channel off?");
        }

        var queued = db.ChangeTracker.Entries<NotificationDelivery>().Select(e => e.Entity).ToList();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Console.WriteLine(FormattableString.Invariant(
            $"BENCH-QUEUED {queued.Count} {queued.Min(d => d.Id)} {queued.Max(d => d.Id)} {watch.Elapsed.TotalSeconds:F1}"));
    }

    private static async Task ReportAsync(IServiceProvider services, long first, long last)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = db.NotificationDeliveries.AsNoTracking().Where(d => d.Id >= first && d.Id <= last);
        var byStatus = await rows.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var retried = await rows.CountAsync(d => d.Attempts > 1);
        var sent = await rows.Where(d => d.SentAt != null).Select(d => d.SentAt!.Value).ToListAsync();
        var firstSent = sent.Count == 0 ? DateTime.UnixEpoch : sent.Min();
        var lastSent = sent.Count == 0 ? DateTime.UnixEpoch : sent.Max();
        Console.WriteLine(FormattableString.Invariant(
            $"BENCH-REPORT sent={byStatus.GetValueOrDefault(NotificationDeliveryStatus.Sent)} failed={byStatus.GetValueOrDefault(NotificationDeliveryStatus.Failed)} pending={byStatus.GetValueOrDefault(NotificationDeliveryStatus.Pending)} retried={retried} first_sent={Unix(firstSent):F3} last_sent={Unix(lastSent):F3} in_first_batch={sent.Count(s => s == firstSent)}"));
    }

    private static double Unix(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;
}

/// <summary>The real app's services on the configured database, with no server and no notification worker.</summary>
internal sealed class OutboxApp : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(BenchShared.WebProject.Directory());
        builder.UseEnvironment("Production");
        // As bench/lib/portal.sh gives the server: the links in the messages are built from it.
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");
        builder.UseSetting("Notifications:Worker:Enabled", "false");
    }
}
