using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// SMS through the deployment's HTTP gateway (Notifications:Channels:Sms). There is no standard SMS API, so the portal
/// defines the request and a gateway adapter (or a provider that accepts it) takes it: a POST of JSON
/// {"to": "+E164", "text": "subject\n\nbody"} to GatewayUrl, with GatewayAuthorization (never logged) as the
/// Authorization header when set; docs/notifications.md "Channels and how they are sent" describes it.
/// </summary>
public sealed class SmsNotificationSender(ChannelHttp http, IOptionsMonitor<NotificationOptions> options) : INotificationChannelSender
{
    public NotificationChannelKind Channel => NotificationChannelKind.Sms;

    public Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        http.EnsureOffered(Channel);
        if (string.IsNullOrWhiteSpace(message.Destination)) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        var sms = options.CurrentValue.Channels.Sms;
        var body = new JsonObject
        {
            ["to"] = message.Destination,
            ["text"] = message.Subject + "\n\n" + message.Body,
        };
        var headers = string.IsNullOrEmpty(sms.GatewayAuthorization)
            ? []
            : new[] { KeyValuePair.Create("Authorization", sms.GatewayAuthorization) };
        return http.PostJsonAsync(sms.GatewayUrl ?? "", ChannelHttp.Serialize(body), headers, cancellationToken);
    }
}
