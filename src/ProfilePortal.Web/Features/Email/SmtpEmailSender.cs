using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Email;

public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var mail = MimeMessageBuilder.Build(message, options.Value.From);
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        await client.SendMailAsync(mail, cancellationToken);
        LogSent(logger, message.Subject, smtp.Host);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent email '{Subject}' through {Host}")]
    private static partial void LogSent(ILogger logger, string subject, string? host);
}
