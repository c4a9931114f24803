using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// What one channel sender gets: the rendered message and where it goes. <see cref="Secret"/> is the decrypted URL
/// (and signing secret) of Slack, Teams and webhook channels, held only while sending.
/// </summary>
public sealed record OutgoingNotification(
    long DeliveryId,
    NotificationChannelKind Channel,
    string Destination,
    ChannelSecret? Secret,
    NotificationKind Kind,
    string Subject,
    string Body,
    string? ActionUrl,
    DateTime OccurredAt,
    Guid UserId);

/// <summary>Sends on one channel; throws <see cref="NotificationSendException"/> when the service did not take it.</summary>
public interface INotificationChannelSender
{
    NotificationChannelKind Channel { get; }

    Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken);
}

/// <summary>
/// A failed send. <see cref="Reason"/> is shown to the person in the deliveries list and logged, so it never holds a
/// URL, token or response body; <see cref="Permanent"/> failures (address refused, channel removed) are not retried.
/// </summary>
public sealed class NotificationSendException(string reason, bool permanent = false, Exception? inner = null)
    : Exception(reason, inner)
{
    public string Reason { get; } = reason;
    public bool Permanent { get; } = permanent;
}
