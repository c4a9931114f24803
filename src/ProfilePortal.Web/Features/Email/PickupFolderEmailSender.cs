using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Email;

/// <summary>
/// Writes each message as an .eml file (RFC 822) to the pickup folder, as SMTP servers' pickup directories do.
/// The folder is created readable by the service account only, because messages carry reset links.
/// </summary>
public sealed partial class PickupFolderEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var mail = MimeMessageBuilder.Build(message, options.Value.From);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = directory,
        };
        await client.SendMailAsync(mail, cancellationToken);
        // The recipient is personal data but not a secret; the body (with its link) is never logged.
        LogWritten(logger, message.Subject);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote email '{Subject}' to the pickup folder")]
    private static partial void LogWritten(ILogger logger, string subject);
}
