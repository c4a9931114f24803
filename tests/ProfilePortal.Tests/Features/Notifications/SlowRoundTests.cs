using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// A round whose sends are slow (a mail server that answers just inside the send timeout): the lease covers the whole
/// batch, so a round must not start a send that could end after its lease, or another worker, finding the lease run
/// out, sends the same rows too. One send at a time, 15 s each; lease 2 minutes, send timeout 20 s.
/// </summary>
public class SlowRoundTests(SlowRoundTests.Node node) : IClassFixture<SlowRoundTests.Node>
{
    [Fact]
    public async Task SendsOutlastingTheLease_NoSendStartsThatCouldEndAfterItAndEachIsSentOnce()
    {
        var person = await node.CreateUserAsync();
        await node.QueueTestsAsync(person.Id, 12);
        var leaseEnd = node.Clock.GetUtcNow() + TimeSpan.FromMinutes(2);
        var otherWorkerRan = false;
        node.Email.OnSend = async _ =>
        {
            node.Clock.Advance(TimeSpan.FromSeconds(15));
            // Another node's worker polls once this round's lease has run out.
            if (node.Clock.GetUtcNow() > leaseEnd && !otherWorkerRan)
            {
                otherWorkerRan = true;
                await node.Worker.RunOnceAsync(CancellationToken.None);
            }
        };

        try
        {
            await node.Worker.RunOnceAsync(CancellationToken.None);
        }
        finally
        {
            node.Email.OnSend = null;
        }

        await node.DrainAsync();
        var rows = await node.DeliveriesOfAsync(person.Id);
        Assert.All(rows, d => Assert.Equal((NotificationDeliveryStatus.Sent, 1), (d.Status, d.Attempts)));
        Assert.Equal(rows.Select(d => d.Id).Order(), node.Email.To(person.Email).Select(m => m.DeliveryId).Order());
    }

    public sealed class Node : NotificationTestNode
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Notifications:Worker:Concurrency"] = "1",
            ["Notifications:Worker:LeaseDuration"] = "00:02:00",
            ["Notifications:Worker:SendTimeout"] = "00:00:20",
        };
    }
}
