using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// The background worker running as in production: woken at once by its own node's commits, stopped and started again
/// without losing or repeating a delivery, and writing beside requests without "database is locked".
/// A process killed between a send and the save of its outcome (not testable inside xunit) sends that delivery again
/// after its lease runs out: at-least-once, see docs/notifications.md.
/// </summary>
public class WorkerLifecycleTests(NotificationTestNode owner) : IClassFixture<NotificationTestNode>
{
    private static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, NotificationTestNode node)
        => Eventually.TrueAsync(condition, what, timeout, () => node.Problems);

    [Fact]
    public async Task AlertQueuedOnTheWorkersNode_SentWithoutWaitingForThePoll()
    {
        // The poll is 30 s: only the commit signal can get the alert out sooner.
        await using var node = new SlowPollNode(owner);
        _ = node.Worker;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var person = await owner.CreateUserAsync();
        var elapsed = Stopwatch.StartNew();

        await node.CreateTokenAsync(person);

        await WaitUntilAsync(() => Task.FromResult(node.Email.To(person.Email).Count == 1), TimeSpan.FromSeconds(20), "the alert sent", node);
        Assert.InRange(elapsed.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task WorkerStoppedMidwayAndStartedAgain_EveryDeliverySentExactlyOnce()
    {
        // A database of its own: no other node of this class's tests can touch these rows.
        await using var owner = new NotificationTestNode();
        var person = await owner.CreateUserAsync();
        await owner.QueueTestsAsync(person.Id, 300);

        var first = owner.NodeOnTheSameDatabase(workerEnabled: true);
        first.Email.Delay = TimeSpan.FromMilliseconds(10);
        _ = first.Worker;
        try
        {
            await WaitUntilAsync(() => Task.FromResult(first.Email.Sent.Count >= 60), TimeSpan.FromSeconds(60), "60 sent before the stop", first);
        }
        catch (TimeoutException timeout)
        {
            var pending = await owner.DeliveriesOfAsync(person.Id);
            throw new TimeoutException($"{timeout.Message}\nowner clock {owner.Clock.GetUtcNow():O}; rows: " + string.Join("; ", pending.Take(3).Select(d => $"{d.Status} due {d.DueAt:O} lease {d.LeaseExpiresAt:O} sent {d.SentAt:O} attempts {d.Attempts}"))
                + $"; first sent {first.Email.Sent.Count}, sent rows {pending.Count(d => d.Status == NotificationDeliveryStatus.Sent)}, eml first {(Directory.Exists(first.PickupDirectory) ? Directory.GetFiles(first.PickupDirectory, "*.eml").Length : -1)}, eml owner {(Directory.Exists(owner.PickupDirectory) ? Directory.GetFiles(owner.PickupDirectory, "*.eml").Length : -1)}, owner sent {owner.Email.Sent.Count}");
        }
        // A graceful stop: the sends under way finish and are recorded, nothing stays leased.
        await first.DisposeAsync();
        var afterStop = await owner.DeliveriesOfAsync(person.Id);
        Assert.DoesNotContain(afterStop, d => d.LeaseId is not null);
        Assert.Contains(afterStop, d => d.Status == NotificationDeliveryStatus.Pending);
        Assert.Equal(first.Email.Sent.Count, afterStop.Count(d => d.Status == NotificationDeliveryStatus.Sent));

        await using var restarted = owner.NodeOnTheSameDatabase(workerEnabled: true);
        _ = restarted.Worker;
        await WaitUntilAsync(async () => (await owner.DeliveriesOfAsync(person.Id)).All(d => d.Status == NotificationDeliveryStatus.Sent), TimeSpan.FromSeconds(60), "all sent after the restart", restarted);

        var rows = await owner.DeliveriesOfAsync(person.Id);
        Assert.Equal(300, rows.Count);
        Assert.All(rows, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(rows.Select(d => d.Id).Order(), first.Email.Sent.Concat(restarted.Email.Sent).Select(m => m.DeliveryId).Order());
    }

    [Fact]
    public async Task WorkerDrainingWhileRequestsWrite_EveryRequestSucceedsAndEverythingIsSent()
    {
        var person = await owner.CreateUserAsync();
        await owner.QueueTestsAsync(person.Id, 300);
        await using var node = owner.NodeOnTheSameDatabase(workerEnabled: true);
        node.Email.Delay = TimeSpan.FromMilliseconds(1);
        // Started (and migrated) before the load: on a busy PostgreSQL cluster a start inside the burst of sign-ins
        // timed out connecting.
        _ = node.Worker;
        var signingIn = await owner.CreateUserAsync();

        // Every sign-in writes a session, a security event and a known device while the worker claims and records.
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            var browser = new CookieJarClient(node);
            browser.Client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, $"198.51.{i}.1");
            return await browser.Client.SignInAsync(signingIn.UserName, signingIn.Password);
        })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        await WaitUntilAsync(async () => (await owner.DeliveriesOfAsync(person.Id)).All(d => d.Status == NotificationDeliveryStatus.Sent), TimeSpan.FromSeconds(60), "all sent", node);
        Assert.Equal(300, node.Email.To(person.Email).Select(m => m.DeliveryId).Distinct().Count());
    }

    /// <summary>A worker node whose poll (30 s) is far longer than the test waits.</summary>
    private sealed class SlowPollNode(NotificationTestNode owner) : NotificationTestNode(owner, workerEnabled: true)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Notifications:Worker:PollInterval", "00:00:30");
        }
    }
}
