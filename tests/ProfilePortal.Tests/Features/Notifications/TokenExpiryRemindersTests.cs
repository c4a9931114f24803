using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>API token expiry reminders (SPEC 2.8): 7 days before, 1 day before, expired, each exactly once per token.</summary>
public class TokenExpiryRemindersTests(NotificationTestNode node) : IClassFixture<NotificationTestNode>
{
    private static readonly NotificationKind[] Reminders = [NotificationKind.TokenExpiresIn7Days, NotificationKind.TokenExpiresIn1Day, NotificationKind.TokenExpired];

    private DateTime Now => node.Clock.GetUtcNow().UtcDateTime;

    private async Task<List<NotificationKind>> RemindersOfAsync(Guid userId)
        => (await node.NotificationsOfAsync(userId)).Where(n => Reminders.Contains(n.Kind)).Select(n => n.Kind).ToList();

    /// <summary>Scans twice, as the next periodic scan (or another node) would, so a repeat would show.</summary>
    private async Task ScanTwiceAsync()
    {
        await node.ScanAsync();
        await node.ScanAsync();
    }

    [Fact]
    public async Task ThirtyDayToken_RemindedAtSevenDaysOneDayAndExpiry_EachExactlyOnce()
    {
        var person = await node.CreateUserAsync();
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(30), description: "Deploy bot");
        var expires = created.Token.ExpiresAt!.Value;

        await ScanTwiceAsync();
        Assert.Empty(await RemindersOfAsync(person.Id));

        node.Clock.Advance(expires.AddDays(-7).AddMinutes(-1) - Now);
        await ScanTwiceAsync();
        Assert.Empty(await RemindersOfAsync(person.Id));

        node.Clock.Advance(TimeSpan.FromMinutes(2));
        await ScanTwiceAsync();
        Assert.Equal([NotificationKind.TokenExpiresIn7Days], await RemindersOfAsync(person.Id));
        var sevenDays = (await node.NotificationsOfAsync(person.Id)).Single(n => n.Kind == NotificationKind.TokenExpiresIn7Days);
        Assert.Equal("An API token expires in 7 days", sevenDays.Subject);
        Assert.Contains("Deploy bot", sevenDays.Body, StringComparison.Ordinal);
        Assert.Equal("http://localhost/Settings/Tokens", sevenDays.ActionUrl);
        var delivery = Assert.Single(sevenDays.Deliveries);
        Assert.Equal((NotificationChannelKind.Email, person.Email, NotificationDeliveryStatus.Pending, false), (delivery.Channel, delivery.Destination, delivery.Status, delivery.IsDigest));

        node.Clock.Advance(TimeSpan.FromDays(3));
        await ScanTwiceAsync();
        Assert.Single(await RemindersOfAsync(person.Id));

        node.Clock.Advance(expires.AddDays(-1).AddMinutes(1) - Now);
        await ScanTwiceAsync();
        Assert.Equal([NotificationKind.TokenExpiresIn7Days, NotificationKind.TokenExpiresIn1Day], await RemindersOfAsync(person.Id));

        node.Clock.Advance(expires.AddMinutes(1) - Now);
        await ScanTwiceAsync();
        node.Clock.Advance(TimeSpan.FromDays(2));
        await ScanTwiceAsync();
        Assert.Equal([NotificationKind.TokenExpiresIn7Days, NotificationKind.TokenExpiresIn1Day, NotificationKind.TokenExpired], await RemindersOfAsync(person.Id));
        Assert.Equal("An API token has expired", (await node.NotificationsOfAsync(person.Id)).Last().Subject);
        Assert.Equal(TokenReminders.SevenDays | TokenReminders.OneDay | TokenReminders.Expired, (await node.LoadTokenAsync(created.Token.Id))!.RemindersSent);
    }

    [Fact]
    public async Task ThreeDayToken_GetsOnlyTheOneDayAndExpiredReminders()
    {
        var person = await node.CreateUserAsync();
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(3));
        var expires = created.Token.ExpiresAt!.Value;

        await ScanTwiceAsync();
        Assert.Empty(await RemindersOfAsync(person.Id));
        node.Clock.Advance(expires.AddHours(-23) - Now);
        await ScanTwiceAsync();
        node.Clock.Advance(TimeSpan.FromDays(1));
        await ScanTwiceAsync();

        Assert.Equal([NotificationKind.TokenExpiresIn1Day, NotificationKind.TokenExpired], await RemindersOfAsync(person.Id));
    }

    [Fact]
    public async Task ScanOnlyAfterExpiry_SendsTheExpiredReminderAlone()
    {
        var person = await node.CreateUserAsync();
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(20));

        node.Clock.Advance(created.Token.ExpiresAt!.Value.AddHours(1) - Now);
        await ScanTwiceAsync();

        Assert.Equal([NotificationKind.TokenExpired], await RemindersOfAsync(person.Id));
    }

    [Fact]
    public async Task RevokedToken_IsNotReminded()
    {
        var person = await node.CreateUserAsync();
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(10));
        await node.InScopeAsync(sp => sp.GetRequiredService<TokenService>().RevokeAsync(person.Id, created.Token.Id, CancellationToken.None));

        node.Clock.Advance(TimeSpan.FromDays(9.5));
        await ScanTwiceAsync();
        node.Clock.Advance(TimeSpan.FromDays(1));
        await ScanTwiceAsync();

        Assert.Empty(await RemindersOfAsync(person.Id));
    }

    [Fact]
    public async Task TokenExpiredLongBeforeTheFirstScan_IsNotReminded()
    {
        var person = await node.CreateUserAsync();
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(2));

        // The first scan after an upgrade: the token expired more than the reminder window ago.
        node.Clock.Advance(created.Token.ExpiresAt!.Value + TokenExpiryReminders.ExpiredReminderWindow + TimeSpan.FromHours(1) - Now);
        await ScanTwiceAsync();

        Assert.Empty(await RemindersOfAsync(person.Id));
    }

    [Fact]
    public async Task TwoScansAtOnce_ProduceEachReminderOnce()
    {
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var person = await node.CreateUserAsync();
            await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(10));
            people.Add(person);
        }

        node.Clock.Advance(TimeSpan.FromDays(3.5));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(node.ScanAsync)));

        foreach (var person in people)
        {
            Assert.Equal([NotificationKind.TokenExpiresIn7Days], await RemindersOfAsync(person.Id));
        }
    }

    [Fact]
    public async Task OffFrequency_NoReminderQueuedButTheBitIsSet()
    {
        var person = await node.CreateUserAsync(u => u.NotificationFrequency = NotificationFrequency.Off);
        var created = await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(10));

        node.Clock.Advance(TimeSpan.FromDays(3.5));
        await ScanTwiceAsync();

        Assert.Empty(await RemindersOfAsync(person.Id));
        Assert.Equal(TokenReminders.SevenDays, (await node.LoadTokenAsync(created.Token.Id))!.RemindersSent);
        // The token's creation is a security alert: sent whatever the frequency.
        Assert.Single(await node.NotificationsOfAsync(person.Id), n => n.Kind == NotificationKind.TokenCreated);
    }

    [Fact]
    public async Task SecondNodeScanningAtTheSameTime_EachReminderOnce()
    {
        await using var second = node.NodeOnTheSameDatabase(workerEnabled: false);
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var person = await node.CreateUserAsync();
            await node.CreateTokenAsync(person, expiresAtUtc: Now.AddDays(10));
            people.Add(person);
        }

        node.Clock.Advance(TimeSpan.FromDays(3.5));
        node.SynchronizeClock(second);
        await Task.WhenAll(Task.Run(node.ScanAsync), Task.Run(second.ScanAsync), Task.Run(node.ScanAsync), Task.Run(second.ScanAsync));

        foreach (var person in people)
        {
            Assert.Equal([NotificationKind.TokenExpiresIn7Days], await RemindersOfAsync(person.Id));
        }
    }
}
