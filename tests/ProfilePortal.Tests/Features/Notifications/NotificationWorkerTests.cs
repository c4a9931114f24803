using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// The outbox worker (SPEC 2.8): retries with back-off up to a cap, then failed; leases of a crashed worker run out
/// and the row is sent once by another round; rounds on one node or two at once send each delivery exactly once.
/// The node's settings: 6 attempts, first retry after 30 s, retries capped at 90 s, lease 2 minutes.
/// </summary>
public class NotificationWorkerTests(NotificationTestNode node) : IClassFixture<NotificationTestNode>
{
    private DateTime Now => node.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A person with one security alert (their new token) waiting to be emailed.</summary>
    private async Task<(TestUser Person, NotificationDelivery Delivery)> PersonWithAnAlertAsync()
    {
        var person = await node.CreateUserAsync();
        await node.CreateTokenAsync(person);
        return (person, Assert.Single(await node.DeliveriesOfAsync(person.Id)));
    }

    private async Task<NotificationDelivery> ReloadAsync(long id)
        => await node.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    [Fact]
    public async Task SendSucceeds_MarkedSentOnceAndNotSentAgain()
    {
        var (person, delivery) = await PersonWithAnAlertAsync();

        await node.DrainAsync();
        await node.DrainAsync();

        var sent = Assert.Single(node.Email.To(person.Email));
        Assert.Equal(delivery.Id, sent.DeliveryId);
        Assert.Equal("An API token was created", sent.Subject);
        var stored = await ReloadAsync(delivery.Id);
        Assert.Equal((NotificationDeliveryStatus.Sent, 1), (stored.Status, stored.Attempts));
        AssertAbout(Now, stored.SentAt);
        Assert.Null(stored.LeaseId);
        Assert.Null(stored.LastError);
    }

    [Fact]
    public async Task SendKeepsFailing_RetriedWithDoublingDelaysCappedThenFailed()
    {
        var (person, delivery) = await PersonWithAnAlertAsync();
        node.Email.FailFor[person.Email] = new NotificationSendException(DeliveryFailures.MailServerUnreachable);
        int[] delays = [30, 60, 90, 90, 90];

        for (var attempt = 1; attempt <= delays.Length; attempt++)
        {
            await node.DrainAsync();
            var row = await ReloadAsync(delivery.Id);
            Assert.Equal((attempt, NotificationDeliveryStatus.Pending, DeliveryFailures.MailServerUnreachable), (row.Attempts, row.Status, row.LastError));
            AssertAbout(Now.AddSeconds(delays[attempt - 1]), row.DueAt);
            Assert.Null(row.LeaseId);

            // Not before it is due.
            node.Clock.Advance(TimeSpan.FromSeconds(delays[attempt - 1] - 1));
            await node.DrainAsync();
            Assert.Equal(attempt, (await ReloadAsync(delivery.Id)).Attempts);
            node.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await node.DrainAsync();
        var failed = await ReloadAsync(delivery.Id);
        Assert.Equal((6, NotificationDeliveryStatus.Failed), (failed.Attempts, failed.Status));
        node.Clock.Advance(TimeSpan.FromHours(2));
        await node.DrainAsync();
        Assert.Equal(6, (await ReloadAsync(delivery.Id)).Attempts);
        Assert.Empty(node.Email.To(person.Email));
    }

    [Fact]
    public async Task FailsOnceThenWorks_SentAtTheRetry()
    {
        var (person, delivery) = await PersonWithAnAlertAsync();
        node.Email.FailFor[person.Email] = new NotificationSendException(DeliveryFailures.MailServerUnreachable);
        await node.DrainAsync();
        node.Email.FailFor.TryRemove(person.Email, out _);

        node.Clock.Advance(TimeSpan.FromSeconds(30));
        await node.DrainAsync();

        var stored = await ReloadAsync(delivery.Id);
        Assert.Equal((NotificationDeliveryStatus.Sent, 2), (stored.Status, stored.Attempts));
        Assert.Null(stored.LastError);
        Assert.Single(node.Email.To(person.Email));
    }

    [Fact]
    public async Task PermanentFailure_FailedAtOnce()
    {
        var (person, delivery) = await PersonWithAnAlertAsync();
        node.Email.FailFor[person.Email] = new NotificationSendException(DeliveryFailures.RecipientRefused, permanent: true);

        await node.DrainAsync();
        node.Clock.Advance(TimeSpan.FromHours(1));
        await node.DrainAsync();

        var stored = await ReloadAsync(delivery.Id);
        Assert.Equal((NotificationDeliveryStatus.Failed, 1, DeliveryFailures.RecipientRefused), (stored.Status, stored.Attempts, stored.LastError));
    }

    [Fact]
    public async Task RowLeasedByACrashedWorker_TakenAgainOnlyAfterTheLeaseRunsOutAndSentOnce()
    {
        var (person, delivery) = await PersonWithAnAlertAsync();
        // A worker claimed it and died before sending or recording anything.
        var leaseEnd = Now.AddMinutes(2);
        await node.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NotificationDeliveries.Where(d => d.Id == delivery.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseId, Guid.NewGuid()).SetProperty(d => d.LeaseExpiresAt, leaseEnd)));

        await node.DrainAsync();
        node.Clock.Advance(TimeSpan.FromMinutes(2));
        await node.DrainAsync();
        Assert.Empty(node.Email.To(person.Email));

        node.Clock.Advance(TimeSpan.FromSeconds(1));
        await node.DrainAsync();
        await node.DrainAsync();

        Assert.Equal(delivery.Id, Assert.Single(node.Email.To(person.Email)).DeliveryId);
        var stored = await ReloadAsync(delivery.Id);
        Assert.Equal((NotificationDeliveryStatus.Sent, 1), (stored.Status, stored.Attempts));
        Assert.Null(stored.LeaseId);
    }

    [Fact]
    public async Task ManyRoundsAtOnceOnOneNode_EachDeliverySentExactlyOnce()
    {
        var person = await node.CreateUserAsync();
        await node.QueueTestsAsync(person.Id, 120);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(node.DrainAsync)));

        await AssertEachSentOnceAsync(person, node.Email.To(person.Email));
    }

    [Fact]
    public async Task TwoNodesDrainingOneOutbox_EachDeliverySentExactlyOnce()
    {
        await using var second = node.NodeOnTheSameDatabase(workerEnabled: false);
        var person = await node.CreateUserAsync();
        await node.QueueTestsAsync(person.Id, 120);
        node.SynchronizeClock(second);
        // Both nodes started and sending slowly enough that they overlap.
        _ = second.Worker;
        node.Email.Delay = second.Email.Delay = TimeSpan.FromMilliseconds(10);

        try
        {
            await Task.WhenAll(Task.Run(node.DrainAsync), Task.Run(second.DrainAsync), Task.Run(node.DrainAsync), Task.Run(second.DrainAsync));
        }
        finally
        {
            node.Email.Delay = TimeSpan.Zero;
        }

        var onFirst = node.Email.To(person.Email);
        var onSecond = second.Email.To(person.Email);
        Assert.NotEmpty(onSecond);
        await AssertEachSentOnceAsync(person, [.. onFirst, .. onSecond]);
    }

    /// <summary>PostgreSQL keeps microseconds, the test clock ticks.</summary>
    private static void AssertAbout(DateTime expected, DateTime? actual)
        => Assert.InRange((actual!.Value - expected).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));

    private async Task AssertEachSentOnceAsync(TestUser person, List<OutgoingNotification> sent)
    {
        var rows = await node.DeliveriesOfAsync(person.Id);
        Assert.Equal(120, rows.Count);
        Assert.All(rows, r => Assert.Equal((NotificationDeliveryStatus.Sent, 1), (r.Status, r.Attempts)));
        Assert.Equal(rows.Select(r => r.Id).Order(), sent.Select(m => m.DeliveryId).Order());
    }
}
