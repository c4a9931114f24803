using System.Globalization;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// A daily digest end to end (SPEC 2.8): notices wait for 08:00 in the person's time zone and go as one message; the
/// night Berlin moves its clocks forward (28 March 2027) the digest still goes at 08:00 local (06:00 UTC, not 07:00).
/// Security alerts of a digest person go at once.
/// </summary>
public class DigestDeliveryTests(NotificationTestNode node) : IClassFixture<NotificationTestNode>
{
    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private void AdvanceTo(DateTime utc) => node.Clock.Advance(utc - node.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task DailyDigestAcrossTheSpringForward_NothingBefore0800LocalThenOneMessageWithBoth()
    {
        AdvanceTo(Utc("2027-03-20T12:00:00Z"));
        var person = await node.CreateUserAsync(u =>
        {
            u.NotificationFrequency = NotificationFrequency.DailyDigest;
            u.TimeZoneId = "Europe/Berlin";
        });
        await node.CreateTokenAsync(person, expiresAtUtc: Utc("2027-04-03T06:00:00Z"), description: "Deploy bot");
        await node.CreateTokenAsync(person, expiresAtUtc: Utc("2027-04-03T06:00:00Z"), description: "Backup job");

        // The tokens' creation: security alerts, sent at once whatever the frequency.
        await node.DrainAsync();
        Assert.Equal(2, node.Email.To(person.Email).Count(m => m.Kind == NotificationKind.TokenCreated));

        // Saturday noon: both are within 7 days of expiry.
        AdvanceTo(Utc("2027-03-27T12:00:00Z"));
        await node.ScanAsync();
        var notices = (await node.DeliveriesOfAsync(person.Id)).Where(d => d.Status == NotificationDeliveryStatus.Pending).ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, d => Assert.True(d.IsDigest));
        Assert.All(notices, d => Assert.Equal(Utc("2027-03-28T06:00:00Z"), d.DueAt, TimeSpan.FromMilliseconds(1)));

        await node.DrainAsync();
        // 07:00 UTC would be 08:00 in winter time; on Sunday it is 07:59:59 summer time.
        AdvanceTo(Utc("2027-03-28T05:59:59Z"));
        await node.DrainAsync();
        Assert.Equal(2, node.Email.To(person.Email).Count);

        AdvanceTo(Utc("2027-03-28T06:00:00Z"));
        await node.DrainAsync();
        await node.DrainAsync();

        var digest = Assert.Single(node.Email.To(person.Email), m => m.Kind != NotificationKind.TokenCreated);
        Assert.Equal("ProfilePortal: 2 notifications", digest.Subject);
        Assert.Contains("Deploy bot", digest.Body, StringComparison.Ordinal);
        Assert.Contains("Backup job", digest.Body, StringComparison.Ordinal);
        Assert.Equal(2, digest.Body.Split("An API token expires in 7 days").Length - 1);
        Assert.All(await node.DeliveriesOfAsync(person.Id), d => Assert.Equal(NotificationDeliveryStatus.Sent, d.Status));
    }
}
