using Microsoft.EntityFrameworkCore.Diagnostics;
using ProfilePortal.Web.Features.Notifications.Channels;

namespace ProfilePortal.Web.Features.Notifications;

public static class NotificationsSetup
{
    public static WebApplicationBuilder AddNotificationsFeature(this WebApplicationBuilder builder)
    {
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<NotificationOptions>().Bind(builder.Configuration.GetSection(NotificationOptions.Section))
            .Validate(o => !(production && o.AllowLoopbackForTests), "Notifications:AllowLoopbackForTests is for tests only and is refused in Production.")
            .Validate(o => o.DailyDigestHour is >= 0 and <= 23, "Notifications:DailyDigestHour must be between 0 and 23.")
            .Validate(o => o.Worker.BatchSize >= 1 && o.Worker.Concurrency >= 1 && o.Worker.MaxAttempts >= 1, "Notifications:Worker: BatchSize, Concurrency and MaxAttempts must be at least 1.")
            .Validate(o => o.Worker.PollInterval > TimeSpan.Zero && o.Worker.LeaseDuration > o.Worker.SendTimeout, "Notifications:Worker: PollInterval must be positive and LeaseDuration longer than SendTimeout.")
            .Validate(o => !o.Channels.Sms.Enabled || Uri.TryCreate(o.Channels.Sms.GatewayUrl, UriKind.Absolute, out _), "Notifications:Channels:Sms:GatewayUrl must be set when SMS is enabled.")
            .Validate(o => !o.Channels.Telegram.Enabled || !string.IsNullOrWhiteSpace(o.Channels.Telegram.BotToken), "Notifications:Channels:Telegram:BotToken must be set when Telegram is enabled.")
            .ValidateOnStart();

        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<ChannelSecrets>();
        builder.Services.AddSingleton<OutboundAddressGuard>();
        builder.Services.AddScoped<NotificationComposer>();
        builder.Services.AddScoped<SecurityAlerts>();
        builder.Services.AddScoped<TokenExpiryReminders>();
        builder.Services.AddScoped<NotificationSettingsService>();

        // Wakes this node's worker when a transaction that queued notifications commits.
        builder.Services.AddSingleton<NotificationCommitSignal>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<NotificationCommitSignal>());

        builder.Services.AddSingleton<INotificationChannelSender, EmailNotificationSender>();
        builder.Services.AddNotificationChannelSenders();

        // Singletons as well as hosted services, so tests can run one round themselves.
        builder.Services.AddSingleton<NotificationWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationWorker>());
        builder.Services.AddSingleton<NotificationScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationScheduler>());
        return builder;
    }
}
