using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// The generic webhook: a POST of JSON {"id", "type", "subject", "text", "url", "occurredAt", "userId"} to the person's
/// URL, signed the way GitHub signs its webhooks (a "sha256=" HMAC-SHA256 hex digest,
/// https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries) over the timestamp and the body as
/// Stripe does (https://docs.stripe.com/webhooks#verify-manually), so a receiver can refuse a replayed request:
/// X-ProfilePortal-Timestamp (Unix seconds), X-ProfilePortal-Signature = sha256=hex(HMAC(secret, timestamp + "." +
/// body)), and X-ProfilePortal-Delivery (the same on every retry of a delivery, so a receiver can drop a repeat).
/// docs/notifications.md shows how to verify it.
/// </summary>
public sealed class WebhookNotificationSender(ChannelHttp http, TimeProvider clock) : INotificationChannelSender
{
    public const string DeliveryHeader = "X-ProfilePortal-Delivery";
    public const string TimestampHeader = "X-ProfilePortal-Timestamp";
    public const string SignatureHeader = "X-ProfilePortal-Signature";

    public NotificationChannelKind Channel => NotificationChannelKind.Webhook;

    public Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        http.EnsureOffered(Channel);
        if (message.Secret is not { } secret) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        // An unsigned request would let the receiver accept anyone's: no secret, no send.
        if (string.IsNullOrEmpty(secret.SigningSecret)) throw new NotificationSendException(DeliveryFailures.SecretUnreadable, permanent: true);

        var body = ChannelHttp.Serialize(new JsonObject
        {
            ["id"] = message.DeliveryId,
            ["type"] = message.Kind.ToString(),
            ["subject"] = message.Subject,
            ["text"] = message.Body,
            ["url"] = message.ActionUrl,
            ["occurredAt"] = DateTime.SpecifyKind(message.OccurredAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["userId"] = message.UserId,
        });
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new[]
        {
            KeyValuePair.Create(DeliveryHeader, message.DeliveryId.ToString(CultureInfo.InvariantCulture)),
            KeyValuePair.Create(TimestampHeader, timestamp),
            KeyValuePair.Create(SignatureHeader, "sha256=" + Signature(secret.SigningSecret, timestamp, body)),
        };
        return http.PostJsonAsync(secret.Url, body, headers, cancellationToken);
    }

    /// <summary>Lowercase hex HMAC-SHA256 with the UTF-8 secret over "timestamp." followed by the body's bytes.</summary>
    private static string Signature(string secret, string timestamp, byte[] body)
    {
        var signed = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp + ".", signed);
        body.CopyTo(signed, timestamp.Length + 1);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
