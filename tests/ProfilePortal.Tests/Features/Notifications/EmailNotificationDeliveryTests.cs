using ProfilePortal.Tests.Features.Email;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// Email notifications over SMTP to a real server on loopback (<see cref="SmtpSink"/>), which refuses every recipient
/// at <see cref="RefusedDomain"/> with 550. The background worker is off: tests run its rounds themselves.
/// </summary>
public sealed class NotificationSmtpFactory : SmtpSinkPortalFactory
{
    public const string Refused = "refused.example.test";

    protected override bool SinkRequiresLogin => false;

    protected override string? RefusedDomain => Refused;

    protected override IDictionary<string, string?> SmtpSettings => new Dictionary<string, string?> { ["Security"] = "None" };

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["Notifications:Worker:Enabled"] = "false";
            return settings;
        }
    }
}

public class EmailNotificationDeliveryTests(NotificationSmtpFactory factory) : IClassFixture<NotificationSmtpFactory>
{
    [Fact]
    public async Task ChangePassword_Smtp_AlertArrivesWithTextHtmlAndTheActionLink()
    {
        var user = await factory.CreateUserAsync();

        await factory.ChangePasswordAsync(user);
        await factory.RunWorkerAsync();

        var received = Assert.Single(factory.Sink.MessagesTo(user.Email));
        Assert.Equal([user.Email], received.RcptTo);
        Assert.Equal("no-reply@profileportal.local", received.MailFrom);
        var message = received.Message;
        Assert.Equal("Your password was changed", message.Subject);
        Assert.Equal(user.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.IsType<MimeKit.MultipartAlternative>(message.Body);
        Assert.StartsWith("Password changed\n", message.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Network address: 127.0.0.1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("change your password at once and end the sessions you do not recognise: http://localhost/Settings/Security", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Password changed<br>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://localhost/Settings/Security\">http://localhost/Settings/Security</a>", message.HtmlBody, StringComparison.Ordinal);
        var delivery = Assert.Single(await factory.DeliveriesOfAsync(user));
        Assert.Equal((NotificationChannelKind.Email, NotificationDeliveryStatus.Sent, 1, null), (delivery.Channel, delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task ChangePassword_ServerRefusesTheRecipient_FailedAtOnceWithoutRetry()
    {
        var user = await factory.CreateUserAsync(u => u.Email = $"gone{Guid.NewGuid():N}@{NotificationSmtpFactory.Refused}");

        await factory.ChangePasswordAsync(user);
        await factory.RunWorkerAsync();

        var delivery = Assert.Single(await factory.DeliveriesOfAsync(user));
        Assert.Equal((NotificationDeliveryStatus.Failed, 1, DeliveryFailures.RecipientRefused), (delivery.Status, delivery.Attempts, delivery.LastError));
        Assert.Empty(factory.Sink.MessagesTo(user.Email));
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await factory.RunWorkerAsync();
        Assert.Equal(1, (await factory.DeliveryAsync(delivery.Id)).Attempts);
    }
}
