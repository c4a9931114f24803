using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>Channels, queued messages and worker rounds for the delivery tests, written straight to the app's database.</summary>
public static class ChannelTestData
{
    /// <summary>
    /// Adds a confirmed, switched-on channel for <paramref name="user"/>; <paramref name="secret"/> (Slack, Teams and
    /// webhook URLs) is stored encrypted, as the settings page stores it.
    /// </summary>
    public static Task<NotificationChannel> AddChannelAsync(this PortalFactory factory, TestUser user, NotificationChannelKind kind,
        string? target = null, ChannelSecret? secret = null)
        => factory.InScopeAsync(async sp =>
        {
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            var channel = new NotificationChannel
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Kind = kind,
                Target = target,
                ProtectedSecret = secret is null ? null : sp.GetRequiredService<ChannelSecrets>().Protect(secret),
                DisplayTarget = target ?? kind.ToString(),
                Enabled = true,
                ConfirmedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            var db = sp.GetRequiredService<AppDbContext>();
            db.NotificationChannels.Add(channel);
            await db.SaveChangesAsync();
            return channel;
        });

    /// <summary>Queues a message for one channel as "Send test" does; the id of its delivery.</summary>
    public static Task<long> QueueOnChannelAsync(this PortalFactory factory, TestUser user, NotificationChannel channel,
        string subject = "Test notification", string body = "This is a test notification.", string? actionUrl = "http://localhost/Settings/Security")
        => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var person = await db.Users.SingleAsync(u => u.Id == user.Id);
            sp.GetRequiredService<NotificationOutbox>().QueueTest(db, person, channel, new RenderedNotification(subject, body, actionUrl));
            await db.SaveChangesAsync();
            return await db.NotificationDeliveries.Where(d => d.ChannelId == channel.Id).MaxAsync(d => d.Id);
        });

    /// <summary>One round of the worker, as the background service runs it.</summary>
    public static Task<int> RunWorkerAsync(this PortalFactory factory)
        => factory.Service<NotificationWorker>().RunOnceAsync(CancellationToken.None);

    public static Task<NotificationDelivery> DeliveryAsync(this PortalFactory factory, long id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    public static Task<List<NotificationDelivery>> DeliveriesOfAsync(this PortalFactory factory, TestUser user)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().NotificationDeliveries.AsNoTracking()
            .Where(d => d.UserId == user.Id).OrderBy(d => d.Id).ToListAsync());

    /// <summary>Whether any log record carries <paramref name="secret"/> anywhere (message, exception or property).</summary>
    public static bool LogsContain(this PortalFactory factory, string secret)
        => factory.Logs.GetSnapshot().Any(r => r.Text().Contains(secret, StringComparison.Ordinal));

    /// <summary>Changes the person's password through the Security page, which records PasswordChanged and queues its alert.</summary>
    public static async Task ChangePasswordAsync(this PortalFactory factory, TestUser user, string newPassword = "Fresh$Start42")
    {
        var client = await factory.SignedInClientAsync(user);
        var response = await client.SubmitFormAsync("/Settings/Security", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
