using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Tests.Pages.Settings.Data;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Pages.Settings.Notifications;

/// <summary>A deployment offering every channel, with the worker off so deliveries stay as queued; host names resolve as the tests say.</summary>
public sealed class AllChannelsFactory : PortalFactory
{
    public static readonly Dictionary<string, string> Addresses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hooks.slack.com"] = "54.1.2.3",
        ["prod-01.westeurope.logic.azure.com"] = "20.1.2.3",
        ["hooks.example.com"] = "93.184.216.34",
        ["intranet.example.com"] = "10.0.0.5",
        ["metadata.example.com"] = "169.254.169.254",
    };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Worker:Enabled"] = "false",
        ["Notifications:Channels:Sms:Enabled"] = "true",
        ["Notifications:Channels:Sms:GatewayUrl"] = "https://sms.example.com/send",
        ["Notifications:Channels:Telegram:Enabled"] = "true",
        ["Notifications:Channels:Telegram:BotToken"] = "123456:test-token",
        ["Notifications:Channels:Slack:Enabled"] = "true",
        ["Notifications:Channels:Teams:Enabled"] = "true",
        ["Notifications:Channels:Webhook:Enabled"] = "true",
    };

    /// <summary>The guard resolves names from <see cref="Addresses"/> (no DNS in tests); unknown names are not found.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton(sp => new OutboundAddressGuard(sp.GetRequiredService<IOptionsMonitor<NotificationOptions>>())
        {
            Resolve = (host, _) => Task.FromResult(Addresses.TryGetValue(host, out var address) ? new[] { IPAddress.Parse(address) } : []),
        }));
    }
}

/// <summary>The Notifications settings page (SPEC 2.8): channels, email confirmation, send test, frequency, deliveries.</summary>
public class IndexTests(AllChannelsFactory factory) : IClassFixture<AllChannelsFactory>
{
    private const string Url = "/Settings/Notifications";
    private const string SlackUrl = "https://hooks.slack.com/services/T0001/B0002/SeCrEtPaThx1Yz";
    /// <summary>PostgreSQL keeps microseconds, the fake clock ticks of 100 ns.</summary>
    private static readonly TimeSpan Precision = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Get_EveryOfferedChannel_HasACardAndTheMenuMarksThePage()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Email", "Sms", "Telegram", "Slack", "Teams", "Webhook"],
            page.Document.QuerySelectorAll("[data-channel]").Select(c => c.GetAttribute("data-channel")));
        Assert.Equal("page", page.Document.QuerySelector("main nav a[href='/Settings/Notifications']")!.GetAttribute("aria-current"));
        Assert.NotNull(page.Document.QuerySelector("[data-testid='menu-notifications'][href='/Settings/Notifications']"));
        // The login email cannot be removed; email is on by default and its switch says security alerts still go.
        var email = page.Document.QuerySelector("[data-channel='Email']")!;
        Assert.Null(email.QuerySelector("form[action*='handler=Remove']"));
        Assert.True(email.QuerySelector("#enabled-Email")!.HasAttribute("checked"));
        Assert.Contains("Security alerts are always sent by email", email.TextContent, StringComparison.Ordinal);
        Assert.Equal("Instantly", page.Document.QuerySelector("input[name='Schedule.Frequency'][checked]")!.GetAttribute("value"));
        Assert.Contains("Daily digest at 08:00 your time (UTC)", page.Document.QuerySelector("label[for='frequency-DailyDigest']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("[data-testid='no-deliveries']"));
    }

    [Theory]
    [InlineData("Sms", "0044 20 7946 0958", "Enter the phone number in international format: + and the country code, then the number (for example +44 20 7946 0958).")]
    [InlineData("Sms", "+44 20", "The phone number is too short: enter the whole number after the country code.")]
    [InlineData("Sms", "", "Enter a phone number.")]
    [InlineData("Telegram", "@abc", "Enter a numeric chat id (for example 123456789, or -100123456789 for a group) or a @username of 5 to 32 letters, digits and underscores, starting with a letter.")]
    [InlineData("Telegram", "12345678901234567890123", "Enter a numeric chat id (for example 123456789, or -100123456789 for a group) or a @username of 5 to 32 letters, digits and underscores, starting with a letter.")]
    [InlineData("Slack", "https://hooks.example.com/services/T0001/B0002/x", "This is not a Slack incoming webhook URL: its host must be hooks.slack.com.")]
    [InlineData("Slack", "http://hooks.slack.com/services/T0001/B0002/x", "Enter a complete URL starting with https://.")]
    [InlineData("Teams", SlackUrl, "This is not a Microsoft Teams incoming webhook URL: its host must be *.webhook.office.com, *.logic.azure.com, *.environment.api.powerplatform.com.")]
    [InlineData("Webhook", "http://hooks.example.com/hook", "Enter a complete URL starting with https://.")]
    [InlineData("Webhook", "https://intranet.example.com/hook", "The URL must point to a public internet address, not a private, loopback or link-local one.")]
    [InlineData("Webhook", "https://metadata.example.com/latest", "The URL must point to a public internet address, not a private, loopback or link-local one.")]
    [InlineData("Webhook", "https://127.0.0.1/hook", "The URL must point to a public internet address, not a private, loopback or link-local one.")]
    [InlineData("Webhook", "https://user:secret@hooks.example.com/hook", "The URL must not contain a user name or password.")]
    [InlineData("Webhook", "https://nowhere.example.com/hook", "The URL's host name could not be found.")]
    [InlineData("Webhook", "hooks.example.com/hook", "Enter a complete URL starting with https://.")]
    [InlineData("Email", "not-an-address", "Enter an email address like name@example.com.")]
    public async Task PostSave_Invalid_ErrorUnderTheFieldAndNothingChanges(string kind, string contact, string message)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await SaveAsync(client, kind, contact));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(message, page.FieldError("Input.Contact"));
        // The error sits in the card that was posted, and the field keeps what was typed.
        var card = page.Document.QuerySelector($"[data-channel='{kind}']")!;
        Assert.NotNull(card.QuerySelector("[data-valmsg-for='Input.Contact']"));
        Assert.Equal(contact, card.QuerySelector("input[name='Input.Contact']")!.GetAttribute("value") ?? "");
        Assert.Empty(await ChannelsOfAsync(user.Id));
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.NotificationChannelChanged);
    }

    [Fact]
    public async Task PostSave_Sms_StoresE164ConfirmedAndLogsIt()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.FollowAsync(await SaveAsync(client, "Sms", "+44 20 7946 0958"));

        Assert.Equal("SMS saved.", page.StatusMessage);
        var sms = Assert.Single(await ChannelsOfAsync(user.Id));
        Assert.Equal(("+442079460958", "+442079460958", true), (sms.Target, sms.DisplayTarget, sms.Enabled));
        Assert.NotNull(sms.ConfirmedAt);
        Assert.Equal("+442079460958", page.Document.QuerySelector("#contact-Sms")!.GetAttribute("value"));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.NotificationChannelChanged && e.Detail == "Sms");
    }

    [Theory]
    [InlineData("-1001234567890")]
    [InlineData("@ada_lovelace")]
    public async Task PostSave_TelegramChat_Saved(string chat)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        await client.FollowAsync(await SaveAsync(client, "Telegram", chat));

        Assert.Equal(chat, Assert.Single(await ChannelsOfAsync(user.Id)).Target);
    }

    [Fact]
    public async Task PostSave_SlackUrl_StoredOnlyEncryptedAndNeverShownAgain()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await SaveAsync(client, "Slack", SlackUrl);
        var page = await client.FollowAsync(response);

        Assert.DoesNotContain("SeCrEtPaTh", page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Equal("Saved: hooks.slack.com/…/x1Yz. Enter a new URL to replace it, or leave empty to keep it.", page.Text("[data-channel='Slack'] [data-testid='saved-url']"));
        Assert.Equal("", page.Document.QuerySelector("#contact-Slack")!.GetAttribute("value"));
        var slack = Assert.Single(await ChannelsOfAsync(user.Id));
        Assert.Equal("hooks.slack.com/…/x1Yz", slack.DisplayTarget);
        Assert.Null(slack.Target);
        Assert.DoesNotContain("SeCrEtPaTh", slack.ProtectedSecret!, StringComparison.Ordinal);
        Assert.Equal(new ChannelSecret(SlackUrl), factory.Service<ChannelSecrets>().Unprotect(slack.ProtectedSecret!));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Message.Contains("SeCrEtPaTh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostSave_EmptyFieldWithASavedUrl_KeepsTheUrlAndSwitchesOff()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await SaveAsync(client, "Teams", "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke");
        var saved = Assert.Single(await ChannelsOfAsync(user.Id)).ProtectedSecret;

        var page = await client.FollowAsync(await SaveAsync(client, "Teams", "", enabled: false));

        Assert.Equal("Microsoft Teams saved.", page.StatusMessage);
        var teams = Assert.Single(await ChannelsOfAsync(user.Id));
        Assert.False(teams.Enabled);
        Assert.Equal(saved, teams.ProtectedSecret);
        Assert.False(page.Document.QuerySelector("#enabled-Teams")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task PostSave_Webhook_SigningSecretShownOnceAndRegenerated()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.FollowAsync(await SaveAsync(client, "Webhook", "https://hooks.example.com/portal/notify"));

        var shown = page.Document.QuerySelector("#new-secret-value")!.GetAttribute("value")!;
        Assert.Equal(43, shown.Length);
        var webhook = Assert.Single(await ChannelsOfAsync(user.Id));
        Assert.Equal(new ChannelSecret("https://hooks.example.com/portal/notify", shown), factory.Service<ChannelSecrets>().Unprotect(webhook.ProtectedSecret!));
        Assert.DoesNotContain(shown, webhook.ProtectedSecret!, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Response.Headers.CacheControl?.ToString());

        var again = await client.GetAsync(Url);
        var html = await again.Content.ReadAsStringAsync();
        Assert.DoesNotContain(shown, html, StringComparison.Ordinal);
        Assert.DoesNotContain("portal/notify", html, StringComparison.Ordinal);

        var regenerated = await client.FollowAsync(await client.PostFormAsync(
            (await client.GetPageAsync(Url)).FormWithHandler("Regenerate"), new Dictionary<string, string>(), Url));
        var newSecret = regenerated.Document.QuerySelector("#new-secret-value")!.GetAttribute("value")!;
        Assert.NotEqual(shown, newSecret);
        Assert.Equal(newSecret, factory.Service<ChannelSecrets>().Unprotect(Assert.Single(await ChannelsOfAsync(user.Id)).ProtectedSecret!).SigningSecret);
    }

    [Fact]
    public async Task PostRemove_SavedChannel_DeletesItAndLogs()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await SaveAsync(client, "Slack", SlackUrl);

        var page = await client.FollowAsync(await PostKindAsync(client, "Remove", "Slack"));

        Assert.Equal("Slack removed.", page.StatusMessage);
        Assert.Empty(await ChannelsOfAsync(user.Id));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.NotificationChannelRemoved && e.Detail == "Slack");
        Assert.Equal(HttpStatusCode.NotFound, (await PostKindAsync(client, "Remove", "Slack")).StatusCode);
    }

    [Fact]
    public async Task EmailConfirmation_LinkWorksOnceForThatPersonOnly()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var address = $"alerts-{Guid.NewGuid():N}@example.test";

        var page = await client.FollowAsync(await SaveAsync(client, "Email", address));

        Assert.Equal($"We sent a confirmation link to {address}. Until you open it, notifications keep going to {user.Email}.", page.StatusMessage);
        Assert.NotNull(page.Document.QuerySelector("[data-testid='awaiting-confirmation']"));
        var waiting = Assert.Single(await ChannelsOfAsync(user.Id));
        Assert.Null(waiting.ConfirmedAt);
        Assert.Equal(user.Email, await NotificationAddressAsync(user.Id));
        var link = ConfirmationLink(Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, address)));
        Assert.StartsWith("http://localhost/Settings/Notifications/ConfirmEmail?code=", link, StringComparison.Ordinal);
        Assert.Equal(NotificationSettingsService.HashCode(new Uri(link).Query["?code=".Length..]), waiting.ConfirmationHash);

        // Another person signed in cannot use it.
        var other = await factory.SignedInClientAsync(await factory.CreateUserAsync());
        var refused = await other.GetPageAsync(link);
        Assert.Contains("This confirmation link is not valid", refused.FormError, StringComparison.Ordinal);
        var forged = await HtmlPage.ParseAsync(await other.PostWithTokenAsync(refused, link, new Dictionary<string, string> { ["Code"] = new Uri(link).Query["?code=".Length..] }));
        Assert.Contains("This confirmation link is not valid", forged.FormError, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await ChannelsOfAsync(user.Id)).ConfirmedAt);

        var confirm = await client.GetPageAsync(link);
        var confirmed = await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), link));
        Assert.Equal("Your notification email address is confirmed. Notifications go to it from now on.", confirmed.StatusMessage);
        Assert.Null(confirmed.Document.QuerySelector("[data-testid='awaiting-confirmation']"));
        Assert.Equal(address, await NotificationAddressAsync(user.Id));

        var reused = await client.GetPageAsync(link);
        Assert.Contains("This confirmation link is not valid", reused.FormError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailConfirmation_ExpiredLink_RefusedAndSendAgainMailsANewOne()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var address = $"alerts-{Guid.NewGuid():N}@example.test";
        await SaveAsync(client, "Email", address);
        var link = ConfirmationLink(Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, address)));

        // The link's lifetime (24 hours) has passed; moving the clock that far would also end the session.
        await factory.DbAsync(db => db.NotificationChannels.Where(c => c.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConfirmationExpiresAt, factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1))));
        var expired = await client.GetPageAsync(link);
        var posted = await HtmlPage.ParseAsync(await client.PostWithTokenAsync(expired, link, new Dictionary<string, string> { ["Code"] = new Uri(link).Query["?code=".Length..] }));

        Assert.Contains("This confirmation link has expired.", expired.FormError, StringComparison.Ordinal);
        Assert.Contains("This confirmation link has expired.", posted.FormError, StringComparison.Ordinal);
        Assert.Null(Assert.Single(await ChannelsOfAsync(user.Id)).ConfirmedAt);

        var resent = await client.FollowAsync(await client.PostFormAsync((await client.GetPageAsync(Url)).FormWithHandler("Resend"), new Dictionary<string, string>(), Url));
        Assert.Equal("We sent a new confirmation link. Links sent before no longer work.", resent.StatusMessage);
        var links = (await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, address, 2)).Select(ConfirmationLink).ToList();
        var newLink = Assert.Single(links, l => l != link);
        var confirm = await client.GetPageAsync(newLink);
        await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), newLink));
        Assert.NotNull(Assert.Single(await ChannelsOfAsync(user.Id)).ConfirmedAt);
    }

    [Fact]
    public async Task PostTest_QueuesOneDeliveryAndRefusesASecondWithinAMinute()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.FollowAsync(await PostKindAsync(client, "Test", "Email"));

        Assert.Equal("A test message to Email is on its way. Its result appears under Deliveries.", page.StatusMessage);
        var delivery = Assert.Single(await DeliveriesOfAsync(user.Id));
        Assert.Equal((NotificationChannelKind.Email, NotificationKind.Test, user.Email), (delivery.Channel, delivery.Notification.Kind, delivery.Destination));
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid='deliveries'] tbody tr"));
        Assert.Contains("Test notification", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Pending", row.TextContent, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        var refused = await HtmlPage.ParseAsync(await PostKindAsync(client, "Test", "Email"));
        Assert.Equal("You sent a test to Email less than a minute ago. Wait a minute, then try again.", refused.FormError);
        Assert.Single(await DeliveriesOfAsync(user.Id));

        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        await client.FollowAsync(await PostKindAsync(client, "Test", "Email"));
        Assert.Equal(2, (await DeliveriesOfAsync(user.Id)).Count);
    }

    [Fact]
    public async Task PostTest_UnsavedChannel_RefusedWithoutQueueing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync(Url);

        var refused = await HtmlPage.ParseAsync(await client.PostWithTokenAsync(page, Url + "?handler=Test", new Dictionary<string, string> { ["kind"] = "Slack" }));

        Assert.Equal("Save Slack first, then send a test.", refused.FormError);
        Assert.Empty(await DeliveriesOfAsync(user.Id));
    }

    [Theory]
    [InlineData(NotificationFrequency.Instantly)]
    [InlineData(NotificationFrequency.DailyDigest)]
    [InlineData(NotificationFrequency.Off)]
    public async Task PostFrequency_ReschedulesThePendingDigestDeliveries(NotificationFrequency frequency)
    {
        var user = await factory.CreateUserAsync(u => { u.NotificationFrequency = NotificationFrequency.HourlyDigest; u.TimeZoneId = "Europe/Berlin"; });
        var client = await factory.SignedInClientAsync(user);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await AddDeliveriesAsync(user.Id, 2, digest: true, due: now.AddMinutes(40));
        await AddDeliveriesAsync(user.Id, 1, digest: false, due: now, status: NotificationDeliveryStatus.Sent);
        var others = await factory.CreateUserAsync(u => u.NotificationFrequency = NotificationFrequency.HourlyDigest);
        await AddDeliveriesAsync(others.Id, 1, digest: true, due: now.AddMinutes(40));

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Schedule.Frequency"] = frequency.ToString() }));

        Assert.Equal("Your notification frequency has been saved.", page.StatusMessage);
        Assert.Equal(frequency, (await factory.LoadUserAsync(user.Id)).NotificationFrequency);
        var rows = await DeliveriesOfAsync(user.Id);
        var digests = rows.Where(d => d.SentAt is null).ToList();
        Assert.Equal(2, digests.Count);
        switch (frequency)
        {
            case NotificationFrequency.Instantly:
                Assert.All(digests, d =>
                {
                    Assert.Equal((false, NotificationDeliveryStatus.Pending), (d.IsDigest, d.Status));
                    Assert.Equal(now, d.DueAt, Precision);
                });
                break;
            case NotificationFrequency.DailyDigest:
                var slot = DigestSchedule.NextSlot(frequency, now, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), 8);
                Assert.All(digests, d =>
                {
                    Assert.Equal((true, NotificationDeliveryStatus.Pending), (d.IsDigest, d.Status));
                    Assert.Equal(slot!.Value, d.DueAt, Precision);
                });
                break;
            default:
                Assert.All(digests, d => Assert.Equal((NotificationDeliveryStatus.Failed, DeliveryFailures.NotificationsSwitchedOff), (d.Status, d.LastError)));
                Assert.Contains("Notifications were switched off.", page.Text("[data-testid='deliveries']"), StringComparison.Ordinal);
                break;
        }

        Assert.Equal(NotificationDeliveryStatus.Sent, Assert.Single(rows, d => d.SentAt is not null).Status);
        var untouched = Assert.Single(await DeliveriesOfAsync(others.Id));
        Assert.Equal((true, NotificationDeliveryStatus.Pending), (untouched.IsDigest, untouched.Status));
        Assert.Equal(now.AddMinutes(40), untouched.DueAt, Precision);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.NotificationFrequencyChanged && e.Detail == frequency.ToString());
    }

    [Theory]
    [InlineData("Weekly")]
    [InlineData("")]
    [InlineData("2")]
    public async Task PostFrequency_Invalid_ErrorUnderTheFieldAndNothingChanges(string value)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url, new Dictionary<string, string> { ["Schedule.Frequency"] = value }));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Choose how often you want to be notified.", page.FieldError("Schedule.Frequency"));
        Assert.Equal(NotificationFrequency.Instantly, (await factory.LoadUserAsync(user.Id)).NotificationFrequency);
    }

    [Fact]
    public async Task Get_Deliveries_TheLast50NewestFirstWithTheReasonAndLastResultPerChannel()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await AddDeliveriesAsync(user.Id, 55, digest: false, due: factory.Clock.GetUtcNow().UtcDateTime, status: NotificationDeliveryStatus.Failed, error: DeliveryFailures.Timeout);

        var page = await client.GetPageAsync(Url);

        var rows = page.Document.QuerySelectorAll("[data-testid='deliveries'] tbody tr");
        Assert.Equal(50, rows.Length);
        Assert.Equal(Enumerable.Range(6, 50).Reverse().Select(i => $"Notice {i}"), rows.Select(r => r.Children[1].TextContent.Trim()));
        Assert.Contains("The service did not answer in time.", rows[0].TextContent, StringComparison.Ordinal);
        var last = page.Text("[data-channel='Email'] [data-testid='last-delivery']");
        Assert.Contains("Failed", last, StringComparison.Ordinal);
        Assert.Contains("The service did not answer in time.", last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedAndNothingSaved()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Kind"] = "Sms",
            ["Input.Contact"] = "+44 20 7946 0958",
            ["Input.Enabled"] = "true",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await ChannelsOfAsync(user.Id));
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var response = await factory.CreateBrowserClient().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string kind, string contact, bool enabled = true)
    {
        var page = await client.GetPageAsync(Url);
        var form = page.Document.QuerySelector($"[data-channel='{kind}'] form[action*='handler=Save']") as AngleSharp.Html.Dom.IHtmlFormElement
                   ?? throw new InvalidOperationException("No form for " + kind);
        var fields = new Dictionary<string, string> { ["Input.Contact"] = contact };
        if (!enabled) fields["Input.Enabled"] = "false";
        return await client.PostFormAsync(form, fields, Url);
    }

    private static async Task<HttpResponseMessage> PostKindAsync(HttpClient client, string handler, string kind)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostWithTokenAsync(page, $"{Url}?handler={handler}", new Dictionary<string, string> { ["kind"] = kind });
    }

    private static string ConfirmationLink(PickupMailbox.Mail mail)
        => System.Text.RegularExpressions.Regex.Match(mail.Text, @"http://localhost/Settings/Notifications/ConfirmEmail\?code=[A-Za-z0-9_-]+").Value;

    private Task<List<NotificationChannel>> ChannelsOfAsync(Guid userId)
        => factory.DbAsync(db => db.NotificationChannels.AsNoTracking().Where(c => c.UserId == userId).ToListAsync());

    private Task<List<NotificationDelivery>> DeliveriesOfAsync(Guid userId)
        => factory.DbAsync(db => db.NotificationDeliveries.AsNoTracking().Include(d => d.Notification).Where(d => d.UserId == userId).ToListAsync());

    private Task<string?> NotificationAddressAsync(Guid userId) => factory.DbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var email = await db.NotificationChannels.SingleOrDefaultAsync(c => c.UserId == userId && c.Kind == NotificationChannelKind.Email);
        return NotificationOutbox.NotificationAddress(user, email);
    });

    private Task<int> AddDeliveriesAsync(Guid userId, int count, bool digest, DateTime due,
        NotificationDeliveryStatus status = NotificationDeliveryStatus.Pending, string? error = null) => factory.DbAsync(async db =>
    {
        var start = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-count);
        for (var i = 1; i <= count; i++)
        {
            var at = start.AddHours(i);
            db.Notifications.Add(new Notification
            {
                UserId = userId,
                Kind = NotificationKind.TokenExpiresIn7Days,
                Subject = $"Notice {i}",
                Body = "Body",
                CreatedAt = at,
                Deliveries =
                [
                    new NotificationDelivery
                    {
                        UserId = userId,
                        Channel = NotificationChannelKind.Email,
                        Status = status,
                        IsDigest = digest,
                        DueAt = due,
                        CreatedAt = at,
                        Attempts = status == NotificationDeliveryStatus.Pending ? 0 : 1,
                        LastError = error,
                        SentAt = status == NotificationDeliveryStatus.Sent ? at : null,
                    },
                ],
            });
        }

        return await db.SaveChangesAsync();
    });
}
