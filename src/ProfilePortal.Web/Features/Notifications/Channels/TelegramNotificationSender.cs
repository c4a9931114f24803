using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// Telegram through the Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage): a POST of JSON
/// {"chat_id", "text", "disable_web_page_preview": true} to {ApiBaseUrl}/bot{BotToken}/sendMessage. The token is part
/// of the URL's path, so the URL never leaves this method: ChannelHttp logs no request and keeps no URL in a failure.
/// Plain text (no parse_mode), so nothing needs escaping.
/// </summary>
public sealed class TelegramNotificationSender(ChannelHttp http, IOptionsMonitor<NotificationOptions> options) : INotificationChannelSender
{
    /// <summary>The Bot API's limit for a message's text, in characters.</summary>
    public const int MaxTextLength = 4096;

    public NotificationChannelKind Channel => NotificationChannelKind.Telegram;

    public Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        http.EnsureOffered(Channel);
        if (string.IsNullOrWhiteSpace(message.Destination)) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        var telegram = options.CurrentValue.Channels.Telegram;
        var text = message.Subject + "\n\n" + message.Body;
        var body = new JsonObject
        {
            // A numeric chat id goes as a number, a @channel name as a string (the API takes either).
            ["chat_id"] = long.TryParse(message.Destination, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId)
                ? JsonValue.Create(chatId)
                : JsonValue.Create(message.Destination),
            ["text"] = text.Length <= MaxTextLength ? text : text[..MaxTextLength],
            ["disable_web_page_preview"] = true,
        };
        var url = $"{telegram.ApiBaseUrl.TrimEnd('/')}/bot{telegram.BotToken}/sendMessage";
        return http.PostJsonAsync(url, ChannelHttp.Serialize(body), [], cancellationToken);
    }
}
