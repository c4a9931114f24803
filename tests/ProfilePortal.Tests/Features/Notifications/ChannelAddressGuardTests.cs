using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// The app as deployed (loopback not allowed) with the webhook channel on, and a <see cref="LoopbackHttpListener"/>
/// that must receive nothing: the address guard refuses at connection time, whatever the URL looked like when saved.
/// </summary>
public sealed class GuardedChannelsFactory : PortalFactory, IAsyncLifetime
{
    /// <summary>A name the test's resolver answers with 127.0.0.1, as a DNS rebinding attack would.</summary>
    public const string RebindingHost = "hooks.rebinding.example";

    public LoopbackHttpListener Listener { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Worker:Enabled"] = "false",
        ["Notifications:AllowLoopbackForTests"] = "false",
        ["Notifications:Channels:Webhook:Enabled"] = "true",
    };

    public async Task InitializeAsync() => Listener = await LoopbackHttpListener.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => Listener.DisposeAsync().AsTask();

    /// <summary>Makes <see cref="RebindingHost"/> resolve to 127.0.0.1; other names resolve as usual.</summary>
    public void ResolveRebindingHostToLoopback()
        => Service<OutboundAddressGuard>().Resolve = (host, cancellationToken) => host == RebindingHost
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : Dns.GetHostAddressesAsync(host, cancellationToken);
}

public class ChannelAddressGuardTests(GuardedChannelsFactory factory) : IClassFixture<GuardedChannelsFactory>
{
    [Fact]
    public async Task Webhook_HostResolvesToLoopbackAtSendTime_RefusedAtConnectFailedAndNothingReceived()
    {
        factory.ResolveRebindingHostToLoopback();
        var id = await QueueWebhookAsync($"https://{GuardedChannelsFactory.RebindingHost}:{factory.Listener.Port}/hooks/a");

        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Failed, 1, DeliveryFailures.AddressNotPublic), (delivery.Status, delivery.Attempts, delivery.LastError));
        Assert.Empty(factory.Listener.Requests);
    }

    [Fact]
    public async Task Webhook_Localhost_RefusedAtConnectFailedAndNothingReceived()
    {
        var id = await QueueWebhookAsync($"https://localhost:{factory.Listener.Port}/hooks/b");

        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Failed, DeliveryFailures.AddressNotPublic), (delivery.Status, delivery.LastError));
        Assert.Empty(factory.Listener.Requests);
    }

    [Fact]
    public async Task Webhook_PlainHttp_RefusedBeforeConnectingAndNothingReceived()
    {
        var id = await QueueWebhookAsync(factory.Listener.Url("/hooks/c"));

        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Failed, DeliveryFailures.AddressNotHttps), (delivery.Status, delivery.LastError));
        Assert.Empty(factory.Listener.Requests);
    }

    private async Task<long> QueueWebhookAsync(string url)
    {
        var user = await factory.CreateUserAsync();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(url, "whsec-guard"));
        return await factory.QueueOnChannelAsync(user, channel);
    }
}
