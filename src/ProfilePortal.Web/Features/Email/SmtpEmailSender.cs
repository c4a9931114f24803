using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Email;

/// <summary>
/// Sends each message over its own SMTP connection (MailKit): mail is rare (resets, notices) and goes out one at a time,
/// so a kept-open connection would mostly sit idle until the server closes it.
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var host = smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set.");
        using var mime = message.ToMimeMessage(options.Value.From);
        using var client = new SmtpClient();
        await client.ConnectAsync(host, smtp.Port, smtp.EffectiveSecurity, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            // No protocol logger is attached, so the credentials never reach a log.
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(logger, message.Subject, host);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent email '{Subject}' through {Host}")]
    private static partial void LogSent(ILogger logger, string subject, string host);
}
