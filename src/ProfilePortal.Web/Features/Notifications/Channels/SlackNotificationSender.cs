using System.Text.Json.Nodes;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// Slack through the person's incoming webhook (https://api.slack.com/messaging/webhooks): a POST of JSON {"text"} to
/// the webhook URL. The text is mrkdwn, in which &amp;, &lt; and &gt; are control characters; they are escaped as
/// Slack's formatting reference says (https://api.slack.com/reference/surfaces/formatting#escaping), so a name or a
/// device description cannot become a link or a mention. The subject is bold.
/// </summary>
public sealed class SlackNotificationSender(ChannelHttp http) : INotificationChannelSender
{
    public NotificationChannelKind Channel => NotificationChannelKind.Slack;

    public Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        http.EnsureOffered(Channel);
        if (message.Secret is not { } secret) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        var body = new JsonObject { ["text"] = $"*{Escape(message.Subject)}*\n\n{Escape(message.Body)}" };
        return http.PostJsonAsync(secret.Url, ChannelHttp.Serialize(body), [], cancellationToken);
    }

    /// <summary>Only these three: Slack decodes no other entity, so encoding more would show "&amp;#39;" to the reader.</summary>
    public static string Escape(string text)
        => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
