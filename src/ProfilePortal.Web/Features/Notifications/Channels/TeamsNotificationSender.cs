using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// Microsoft Teams through the person's webhook: a Workflows "Post to a channel when a webhook request is received"
/// flow or an incoming webhook, both of which take a message with one Adaptive Card attachment
/// (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using#send-adaptive-cards-using-an-incoming-webhook).
/// The card (schema 1.4, https://adaptivecards.io/explorer/) has the subject in bold, the body, and an Action.OpenUrl
/// to the notification's link, labelled in the person's language.
/// </summary>
public sealed class TeamsNotificationSender(ChannelHttp http, IServiceScopeFactory scopes, IStringLocalizer<SharedResource> t) : INotificationChannelSender
{
    public NotificationChannelKind Channel => NotificationChannelKind.Teams;

    public async Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        http.EnsureOffered(Channel);
        if (message.Secret is not { } secret) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray
            {
                new JsonObject { ["type"] = "TextBlock", ["text"] = message.Subject, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = message.Body, ["wrap"] = true },
            },
        };
        if (message.ActionUrl is { } url)
        {
            var title = await ActionTitleAsync(message.UserId, cancellationToken);
            card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url } };
        }

        var body = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card },
            },
        };
        await http.PostJsonAsync(secret.Url, ChannelHttp.Serialize(body), [], cancellationToken);
    }

    /// <summary>The button's label in the person's language (the rest of the card was written in it when queued).</summary>
    private async Task<string> ActionTitleAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var language = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users
            .Where(u => u.Id == userId).Select(u => u.PreferredLanguage).FirstOrDefaultAsync(cancellationToken);
        return PortalLanguages.In(language, () => t["Open ProfilePortal"].Value);
    }
}
