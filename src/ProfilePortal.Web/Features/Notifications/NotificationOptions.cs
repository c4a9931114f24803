using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>Notifications (SPEC 2.8): which channels the deployment offers, how they reach their services, the worker.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    public ChannelsOptions Channels { get; set; } = new();
    public WorkerOptions Worker { get; set; } = new();

    /// <summary>Local hour of the daily digest in each person's time zone.</summary>
    public int DailyDigestHour { get; set; } = 8;

    /// <summary>How long the link confirming a notification email address works.</summary>
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often token expiry reminders are looked for.</summary>
    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sent and failed deliveries are deleted after this long (the page shows the last 50).</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Tests only: channel URLs may name a loopback address over http (the test's own listener). Refused in the
    /// Production environment at start-up.
    /// </summary>
    public bool AllowLoopbackForTests { get; set; }

    public bool IsEnabled(NotificationChannelKind kind) => kind switch
    {
        NotificationChannelKind.Email => Channels.Email.Enabled,
        NotificationChannelKind.Sms => Channels.Sms.Enabled,
        NotificationChannelKind.Telegram => Channels.Telegram.Enabled,
        NotificationChannelKind.Slack => Channels.Slack.Enabled,
        NotificationChannelKind.Teams => Channels.Teams.Enabled,
        NotificationChannelKind.Webhook => Channels.Webhook.Enabled,
        _ => false,
    };

    /// <summary>The channels this deployment offers, in the page's order.</summary>
    public IEnumerable<NotificationChannelKind> EnabledChannels
        => Enum.GetValues<NotificationChannelKind>().Where(IsEnabled);
}

public sealed class ChannelsOptions
{
    public ChannelOptions Email { get; set; } = new() { Enabled = true };
    public SmsOptions Sms { get; set; } = new();
    public TelegramOptions Telegram { get; set; } = new();
    public WebhookHostOptions Slack { get; set; } = new() { AllowedHosts = ["hooks.slack.com"] };

    /// <summary>Teams incoming webhooks (office.com connectors) and Workflows webhooks (Logic Apps, Power Platform).</summary>
    public WebhookHostOptions Teams { get; set; } = new() { AllowedHosts = [".webhook.office.com", ".logic.azure.com", ".environment.api.powerplatform.com"] };

    public ChannelOptions Webhook { get; set; } = new();
}

public class ChannelOptions
{
    public bool Enabled { get; set; }
}

/// <summary>An HTTP SMS gateway: a POST of JSON {"to": "+E164", "text": "..."} to <see cref="GatewayUrl"/>.</summary>
public sealed class SmsOptions : ChannelOptions
{
    public string? GatewayUrl { get; set; }

    /// <summary>Sent as the Authorization header's value (e.g. "Bearer …"); a secret, never logged.</summary>
    public string? GatewayAuthorization { get; set; }
}

/// <summary>The Telegram Bot API: sendMessage with the bot's token.</summary>
public sealed class TelegramOptions : ChannelOptions
{
    public string? BotToken { get; set; }
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";
}

/// <summary>A service's incoming webhooks: URLs must be https on one of these hosts (a leading dot: any subdomain).</summary>
public sealed class WebhookHostOptions : ChannelOptions
{
    public string[] AllowedHosts { get; set; } = [];
}

public sealed class WorkerOptions
{
    /// <summary>Off only in tests that drive <see cref="NotificationWorker.RunOnceAsync"/> themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the database is polled for due deliveries (this node also wakes at once on its own new ones).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 50;

    /// <summary>Deliveries sent at the same time by one node; they wait on the network, not the processor.</summary>
    public int Concurrency { get; set; } = 4;

    public int MaxAttempts { get; set; } = 8;
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed delivery stays with its worker; after it another node may take it (a crashed node).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Timeout of one HTTP or SMTP exchange.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
