namespace ProfilePortal.Web.Features.Email;

public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);

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
    public bool EnableSsl { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

public static class EmailSetup
{
    public static WebApplicationBuilder AddPortalEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection(EmailOptions.Section))
            .Validate(o => o.QueueCapacity >= 1, "Email:QueueCapacity must be at least 1.")
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
