namespace ProfilePortal.Web.Features.Notifications.Channels;

public static class ChannelsSetup
{
    /// <summary>The HTTP channels' client and senders (email's sender is registered with the feature).</summary>
    public static IServiceCollection AddNotificationChannelSenders(this IServiceCollection services)
    {
        ChannelHttp.AddClient(services);
        services.AddSingleton<ChannelHttp>();
        services.AddSingleton<INotificationChannelSender, SmsNotificationSender>();
        services.AddSingleton<INotificationChannelSender, TelegramNotificationSender>();
        services.AddSingleton<INotificationChannelSender, SlackNotificationSender>();
        services.AddSingleton<INotificationChannelSender, TeamsNotificationSender>();
        services.AddSingleton<INotificationChannelSender, WebhookNotificationSender>();
        return services;
    }
}
