using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Email;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>Email notifications through the portal's mail sender (SMTP with MailKit, or the pickup folder).</summary>
public sealed class EmailNotificationSender(IEmailSender mail) : INotificationChannelSender
{
    public NotificationChannelKind Channel => NotificationChannelKind.Email;

    public async Task SendAsync(OutgoingNotification message, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(message.Destination)) throw new NotificationSendException(DeliveryFailures.NoAddress, permanent: true);
        try
        {
            await mail.SendAsync(new EmailMessage(message.Destination, message.Subject, message.Body, Html(message)), cancellationToken);
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.RecipientNotAccepted)
        {
            throw new NotificationSendException(DeliveryFailures.RecipientRefused, permanent: true, ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new NotificationSendException(DeliveryFailures.MailServerRefused, inner: ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException)
        {
            throw new NotificationSendException(DeliveryFailures.MailServerUnreachable, inner: ex);
        }
    }

    /// <summary>The same text as HTML: paragraphs, and the action link as a link.</summary>
    private static string Html(OutgoingNotification message)
    {
        var paragraphs = message.Body.Split("\n\n").Select(p => "<p>" + WebUtility.HtmlEncode(p).Replace("\n", "<br>", StringComparison.Ordinal) + "</p>");
        var html = string.Concat(paragraphs);
        if (message.ActionUrl is { } url)
        {
            var encoded = WebUtility.HtmlEncode(url);
            html = html.Replace(encoded, $"<a href=\"{encoded}\">{encoded}</a>", StringComparison.Ordinal);
        }

        return $"<!DOCTYPE html><html><body style=\"font-family:sans-serif\">{html}</body></html>";
    }
}
