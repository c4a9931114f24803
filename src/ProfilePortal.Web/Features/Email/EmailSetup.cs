using MailKit.Security;
using MimeKit;

namespace ProfilePortal.Web.Features.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody)
{
    /// <summary>The message as MIME: multipart/alternative with the plain text first and the HTML second.</summary>
    public MimeMessage ToMimeMessage(string from)
    {
        var body = new BodyBuilder { TextBody = TextBody, HtmlBody = HtmlBody };
        var message = new MimeMessage { Subject = Subject, Body = body.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(To));
        return message;
    }
}

/// <summary>Sends mail; the default writes .eml files to a pickup folder, SMTP when "Email:Smtp:Host" is set.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed class EmailOptions
{
    public const string Section = "Email";

    public string From { get; set; } = "ProfilePortal <no-reply@profileportal.local>";

    /// <summary>Folder the .eml files go to when no SMTP host is configured. It holds reset links: keep it private.</summary>
    public string PickupDirectory { get; set; } = "mail-pickup";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Messages waiting to be sent at most; beyond it new ones are dropped (and logged) rather than wait.</summary>
    public int QueueCapacity { get; set; } = 1000;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>How the connection is secured (MailKit's <see cref="SecureSocketOptions"/>); unset: see <see cref="EffectiveSecurity"/>.</summary>
    public SecureSocketOptions? Security { get; set; }

    /// <summary>The setting before <see cref="Security"/>, still read when Security is unset: false means no TLS.</summary>
    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>
    /// Unset, TLS is required: implicit TLS on port 465, STARTTLS elsewhere. Not StartTlsWhenAvailable, because an
    /// attacker on the path can strip the STARTTLS offer and read the reset links and the SMTP password in clear.
    /// </summary>
    public SecureSocketOptions EffectiveSecurity => Security ?? (!EnableSsl ? SecureSocketOptions.None
        : Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls);
}

public static class EmailSetup
{
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.QueueCapacity >= 1, "Email:QueueCapacity must be at least 1.")
            .Validate(o => MailboxAddress.TryParse(o.From, out _), "Email:From must be an address such as 'ProfilePortal <no-reply@example.com>'.")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Email:Smtp:Port must be between 1 and 65535.")
            .Validate(o => string.IsNullOrEmpty(o.Smtp.Password) || !string.IsNullOrEmpty(o.Smtp.UserName), "Email:Smtp:Password is set without Email:Smtp:UserName.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PickupFolderEmailSender>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<IEmailSender>(sp =>
        {
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(options.Smtp.Host)
                ? sp.GetRequiredService<PickupFolderEmailSender>()
                : sp.GetRequiredService<SmtpEmailSender>();
        });
        // Request handlers queue mail (EmailOutbox); only the delivery service talks to the sender.
        builder.Services.AddSingleton<EmailOutbox>();
        builder.Services.AddHostedService<EmailDeliveryService>();
        return builder;
    }
}
