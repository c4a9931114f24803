using Microsoft.Extensions.Options;
using MimeKit;

namespace ProfilePortal.Web.Features.Email;

/// <summary>
/// Writes each message as an .eml file (RFC 5322, CRLF line ends) to the pickup folder, as SMTP servers' pickup
/// directories expect. The folder is created readable by the service account only, because messages carry reset links.
/// </summary>
public sealed partial class PickupFolderEmailSender(IOptions<EmailOptions> options, IHostEnvironment environment, ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    private static readonly FormatOptions EmlFormat = CreateEmlFormat();

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var mime = message.ToMimeMessage(options.Value.From);
        var name = Guid.NewGuid().ToString("N");
        // Written under a name a pickup reader ignores, then renamed (atomic in one folder): nobody reads half a file.
        var partial = Path.Combine(directory, name + ".tmp");
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var file = new FileStream(partial, fileOptions))
            {
                await mime.WriteToAsync(EmlFormat, file, cancellationToken);
            }

            File.Move(partial, Path.Combine(directory, name + ".eml"));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        // The recipient is personal data but not a secret; the body (with its link) is never logged.
        LogWritten(logger, message.Subject);
    }

    private static FormatOptions CreateEmlFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote email '{Subject}' to the pickup folder")]
    private static partial void LogWritten(ILogger logger, string subject);
}
