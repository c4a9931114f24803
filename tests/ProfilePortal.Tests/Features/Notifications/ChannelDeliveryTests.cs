using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// The app with every channel on, the SMS gateway and the Telegram Bot API pointing at a <see cref="LoopbackHttpListener"/>
/// started before it (and stopped after), and loopback URLs allowed for the Slack, Teams and webhook channels. The
/// background worker is off: tests run its rounds themselves.
/// </summary>
public sealed class ChannelsPortalFactory : PortalFactory, IAsyncLifetime
{
    public const string BotToken = "7000001:telegram-bot-token-5c1e0a";
    public const string SmsAuthorization = "Bearer sms-gateway-key-93b1d7";
    public const string SmsPath = "/sms/send";

    public LoopbackHttpListener Listener { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Worker:Enabled"] = "false",
        ["Notifications:AllowLoopbackForTests"] = "true",
        ["Notifications:Channels:Sms:Enabled"] = "true",
        ["Notifications:Channels:Sms:GatewayUrl"] = Listener.Url(SmsPath),
        ["Notifications:Channels:Sms:GatewayAuthorization"] = SmsAuthorization,
        ["Notifications:Channels:Telegram:Enabled"] = "true",
        ["Notifications:Channels:Telegram:BotToken"] = BotToken,
        ["Notifications:Channels:Telegram:ApiBaseUrl"] = Listener.BaseAddress.ToString(),
        ["Notifications:Channels:Slack:Enabled"] = "true",
        ["Notifications:Channels:Slack:AllowedHosts:0"] = "127.0.0.1",
        ["Notifications:Channels:Teams:Enabled"] = "true",
        ["Notifications:Channels:Teams:AllowedHosts:0"] = "127.0.0.1",
        ["Notifications:Channels:Webhook:Enabled"] = "true",
        // HttpClient's own request logging at its most detailed: it must still never see a notification request.
        ["Serilog:MinimumLevel:Override:System.Net.Http"] = "Verbose",
    };

    public async Task InitializeAsync() => Listener = await LoopbackHttpListener.StartAsync();

    Task IAsyncLifetime.DisposeAsync() => Listener.DisposeAsync().AsTask();
}

public class ChannelDeliveryTests(ChannelsPortalFactory factory) : IClassFixture<ChannelsPortalFactory>
{
    private const string TelegramPath = "/bot" + ChannelsPortalFactory.BotToken + "/sendMessage";
    private LoopbackHttpListener Listener => factory.Listener;

    [Fact]
    public async Task ChangePassword_EveryChannelOn_EachServiceGetsTheAlertAndEveryDeliveryIsSent()
    {
        var user = await factory.CreateUserAsync();
        var phone = UniquePhone();
        var chat = "@pp" + Unique();
        var slack = "/services/T1/B1/" + Unique();
        var teams = "/workflows/" + Unique();
        var webhook = "/hooks/" + Unique();
        await factory.AddChannelAsync(user, NotificationChannelKind.Sms, phone);
        await factory.AddChannelAsync(user, NotificationChannelKind.Telegram, chat);
        await factory.AddChannelAsync(user, NotificationChannelKind.Slack, secret: new ChannelSecret(Listener.Url(slack)));
        await factory.AddChannelAsync(user, NotificationChannelKind.Teams, secret: new ChannelSecret(Listener.Url(teams)));
        await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(Listener.Url(webhook), "whsec-" + Unique()));

        await factory.ChangePasswordAsync(user);
        await factory.RunWorkerAsync();

        const string subject = "Your password was changed";
        Assert.Contains(subject, Assert.Single(SmsTo(phone)).Json.GetProperty("text").GetString());
        Assert.StartsWith(subject + "\n\n", Assert.Single(Listener.RequestsTo(TelegramPath), r => r.Json.GetProperty("chat_id").GetString() == chat).Json.GetProperty("text").GetString());
        Assert.StartsWith($"*{subject}*", Assert.Single(Listener.RequestsTo(slack)).Json.GetProperty("text").GetString());
        Assert.Equal(subject, Card(Assert.Single(Listener.RequestsTo(teams))).GetProperty("body")[0].GetProperty("text").GetString());
        var hook = Assert.Single(Listener.RequestsTo(webhook)).Json;
        Assert.Equal("PasswordChanged", hook.GetProperty("type").GetString());
        Assert.Equal("http://localhost/Settings/Security", hook.GetProperty("url").GetString());
        var deliveries = await factory.DeliveriesOfAsync(user);
        Assert.Equal(
            [NotificationChannelKind.Email, NotificationChannelKind.Sms, NotificationChannelKind.Telegram, NotificationChannelKind.Slack, NotificationChannelKind.Teams, NotificationChannelKind.Webhook],
            deliveries.Select(d => d.Channel).Order());
        Assert.All(deliveries, d => Assert.Equal((NotificationDeliveryStatus.Sent, 1, null), (d.Status, d.Attempts, d.LastError)));
    }

    [Fact]
    public async Task Sms_Sent_PostsToAndTextAsJsonWithTheGatewayAuthorization()
    {
        var user = await factory.CreateUserAsync();
        var phone = UniquePhone();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Sms, phone);

        var id = await factory.QueueOnChannelAsync(user, channel, "Subject line", "First line\nsecond line");
        await factory.RunWorkerAsync();

        var request = Assert.Single(SmsTo(phone));
        Assert.Equal("POST", request.Method);
        Assert.Equal(ChannelsPortalFactory.SmsPath, request.Path);
        Assert.Equal(ChannelsPortalFactory.SmsAuthorization, request.Header("Authorization"));
        AssertJsonRequest(request);
        Assert.Equal(["to", "text"], request.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Subject line\n\nFirst line\nsecond line", request.Json.GetProperty("text").GetString());
        await AssertSentAsync(id);
    }

    [Fact]
    public async Task Telegram_Sent_PostsSendMessageWithTheBotTokenInThePath()
    {
        var user = await factory.CreateUserAsync();
        var chatId = Random.Shared.NextInt64(100_000_000, 999_999_999);
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Telegram, chatId.ToString(CultureInfo.InvariantCulture));

        var id = await factory.QueueOnChannelAsync(user, channel, "Subject <b>", "Body & more");
        await factory.RunWorkerAsync();

        var request = Assert.Single(Listener.RequestsTo(TelegramPath), r => r.Json.GetProperty("chat_id").ValueKind == JsonValueKind.Number && r.Json.GetProperty("chat_id").GetInt64() == chatId);
        Assert.Equal("POST", request.Method);
        AssertJsonRequest(request);
        Assert.Equal("Subject <b>\n\nBody & more", request.Json.GetProperty("text").GetString());
        Assert.True(request.Json.GetProperty("disable_web_page_preview").GetBoolean());
        Assert.False(request.Json.TryGetProperty("parse_mode", out _));
        await AssertSentAsync(id);
    }

    [Fact]
    public async Task Slack_Sent_PostsTextWithSlackControlCharactersEscaped()
    {
        var user = await factory.CreateUserAsync();
        var path = "/services/T1/B2/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Slack, secret: new ChannelSecret(Listener.Url(path)));

        var id = await factory.QueueOnChannelAsync(user, channel, "Sign-in from <Firefox>", "Tom & Jerry's <!channel> at http://localhost/a?b=1&c=2");
        await factory.RunWorkerAsync();

        var request = Assert.Single(Listener.RequestsTo(path));
        Assert.Equal("POST", request.Method);
        AssertJsonRequest(request);
        Assert.Equal("*Sign-in from &lt;Firefox&gt;*\n\nTom &amp; Jerry's &lt;!channel&gt; at http://localhost/a?b=1&amp;c=2", request.Json.GetProperty("text").GetString());
        await AssertSentAsync(id);
    }

    [Fact]
    public async Task Teams_Sent_PostsAMessageWithAnAdaptiveCardAndItsOpenUrlAction()
    {
        var user = await factory.CreateUserAsync();
        var path = "/workflows/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Teams, secret: new ChannelSecret(Listener.Url(path)));

        var id = await factory.QueueOnChannelAsync(user, channel, "Your password was changed", "When: today", "http://localhost/Settings/Security");
        await factory.RunWorkerAsync();

        var request = Assert.Single(Listener.RequestsTo(path));
        Assert.Equal("POST", request.Method);
        AssertJsonRequest(request);
        Assert.Equal("message", request.Json.GetProperty("type").GetString());
        var attachment = Assert.Single(request.Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var card = attachment.GetProperty("content");
        Assert.Equal(("AdaptiveCard", "1.4"), (card.GetProperty("type").GetString(), card.GetProperty("version").GetString()));
        var blocks = card.GetProperty("body").EnumerateArray().ToList();
        Assert.Equal(2, blocks.Count);
        Assert.All(blocks, b => Assert.Equal("TextBlock", b.GetProperty("type").GetString()));
        Assert.Equal(("Your password was changed", "Bolder"), (blocks[0].GetProperty("text").GetString(), blocks[0].GetProperty("weight").GetString()));
        Assert.Equal("When: today", blocks[1].GetProperty("text").GetString());
        var action = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.OpenUrl", "Open ProfilePortal", "http://localhost/Settings/Security"),
            (action.GetProperty("type").GetString(), action.GetProperty("title").GetString(), action.GetProperty("url").GetString()));
        await AssertSentAsync(id);
    }

    [Fact]
    public async Task Teams_NoActionUrl_CardHasNoAction()
    {
        var user = await factory.CreateUserAsync();
        var path = "/workflows/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Teams, secret: new ChannelSecret(Listener.Url(path)));

        await factory.QueueOnChannelAsync(user, channel, actionUrl: null);
        await factory.RunWorkerAsync();

        Assert.False(Card(Assert.Single(Listener.RequestsTo(path))).TryGetProperty("actions", out _));
    }

    [Fact]
    public async Task Webhook_Sent_BodySignedWithHmacOverTimestampAndBodyWithTheDeliveryId()
    {
        var user = await factory.CreateUserAsync();
        var path = "/hooks/" + Unique();
        var signingSecret = "whsec-" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(Listener.Url(path), signingSecret));

        var id = await factory.QueueOnChannelAsync(user, channel, "Subject \"quoted\"", "Body ü €", "http://localhost/Settings/Tokens");
        var queuedAt = factory.Clock.GetUtcNow();
        await factory.RunWorkerAsync();

        var request = Assert.Single(Listener.RequestsTo(path));
        Assert.Equal("POST", request.Method);
        AssertJsonRequest(request);
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), request.Header("X-ProfilePortal-Delivery"));
        var timestamp = request.Header("X-ProfilePortal-Timestamp")!;
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(timestamp, CultureInfo.InvariantCulture));
        Assert.Equal("sha256=" + HmacHex(signingSecret, timestamp, request.Body), request.Header("X-ProfilePortal-Signature"));
        Assert.NotEqual("sha256=" + HmacHex("another-secret", timestamp, request.Body), request.Header("X-ProfilePortal-Signature"));
        var json = request.Json;
        Assert.Equal(["id", "type", "subject", "text", "url", "occurredAt", "userId"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, json.GetProperty("id").GetInt64());
        Assert.Equal("Test", json.GetProperty("type").GetString());
        Assert.Equal("Subject \"quoted\"", json.GetProperty("subject").GetString());
        Assert.Equal("Body ü €", json.GetProperty("text").GetString());
        Assert.Equal("http://localhost/Settings/Tokens", json.GetProperty("url").GetString());
        Assert.Equal(queuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), json.GetProperty("occurredAt").GetString());
        Assert.Equal(user.Id, json.GetProperty("userId").GetGuid());
        await AssertSentAsync(id);
    }

    [Fact]
    public async Task Webhook_ServerError_PendingForTheFirstRetryDelayThenSentWithTheSameDeliveryId()
    {
        var user = await factory.CreateUserAsync();
        var path = "/hooks/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(Listener.Url(path), "whsec-" + Unique()));
        Listener.AnswerWith(path, HttpStatusCode.InternalServerError);

        var id = await factory.QueueOnChannelAsync(user, channel);
        await factory.RunWorkerAsync();

        var failed = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Pending, 1, DeliveryFailures.ServiceUnavailable), (failed.Status, failed.Attempts, failed.LastError));
        // PostgreSQL keeps microseconds, the clock ticks of 100 ns.
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(30), failed.DueAt, TimeSpan.FromMilliseconds(1));
        await factory.RunWorkerAsync();
        Assert.Single(Listener.RequestsTo(path));

        Listener.AnswerWith(path, HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await factory.RunWorkerAsync();

        var sent = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Sent, 2, null), (sent.Status, sent.Attempts, sent.LastError));
        var requests = Listener.RequestsTo(path);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(id.ToString(CultureInfo.InvariantCulture), r.Header("X-ProfilePortal-Delivery")));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, NotificationDeliveryStatus.Failed, DeliveryFailures.RequestRefused)]
    [InlineData(HttpStatusCode.Unauthorized, NotificationDeliveryStatus.Failed, DeliveryFailures.CredentialsRefused)]
    [InlineData(HttpStatusCode.Forbidden, NotificationDeliveryStatus.Failed, DeliveryFailures.CredentialsRefused)]
    [InlineData(HttpStatusCode.NotFound, NotificationDeliveryStatus.Failed, DeliveryFailures.AddressUnknown)]
    [InlineData(HttpStatusCode.Gone, NotificationDeliveryStatus.Failed, DeliveryFailures.AddressUnknown)]
    [InlineData(HttpStatusCode.UnprocessableEntity, NotificationDeliveryStatus.Failed, DeliveryFailures.RequestRefused)]
    [InlineData(HttpStatusCode.MovedPermanently, NotificationDeliveryStatus.Failed, DeliveryFailures.Redirected)]
    [InlineData(HttpStatusCode.TemporaryRedirect, NotificationDeliveryStatus.Failed, DeliveryFailures.Redirected)]
    [InlineData(HttpStatusCode.RequestTimeout, NotificationDeliveryStatus.Pending, DeliveryFailures.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests, NotificationDeliveryStatus.Pending, DeliveryFailures.RateLimited)]
    [InlineData(HttpStatusCode.BadGateway, NotificationDeliveryStatus.Pending, DeliveryFailures.ServiceUnavailable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, NotificationDeliveryStatus.Pending, DeliveryFailures.ServiceUnavailable)]
    public async Task Slack_ServiceAnswersStatus_PermanentOrRetriedWithAReasonThatHoldsNoUrlOrBody(HttpStatusCode status, NotificationDeliveryStatus expected, string reason)
    {
        var user = await factory.CreateUserAsync();
        var path = "/services/T1/B3/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Slack, secret: new ChannelSecret(Listener.Url(path)));
        Listener.AnswerWith(path, status, location: Listener.Url("/elsewhere"));

        var id = await factory.QueueOnChannelAsync(user, channel);
        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((expected, 1, reason), (delivery.Status, delivery.Attempts, delivery.LastError));
        Assert.Single(Listener.RequestsTo(path));
    }

    [Fact]
    public async Task Webhook_Redirect_FailedAndTheLocationNeverReceivesARequest()
    {
        var user = await factory.CreateUserAsync();
        var path = "/hooks/" + Unique();
        var target = "/redirect-target/" + Unique();
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(Listener.Url(path), "whsec-" + Unique()));
        Listener.AnswerWith(path, HttpStatusCode.Found, location: Listener.Url(target));

        var id = await factory.QueueOnChannelAsync(user, channel);
        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Failed, DeliveryFailures.Redirected), (delivery.Status, delivery.LastError));
        Assert.Single(Listener.RequestsTo(path));
        Assert.Empty(Listener.RequestsTo(target));
    }

    [Fact]
    public async Task Webhook_NothingListening_PendingAsUnreachable()
    {
        var user = await factory.CreateUserAsync();
        int closedPort;
        await using (var closed = await LoopbackHttpListener.StartAsync()) closedPort = closed.Port;
        var channel = await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret($"http://127.0.0.1:{closedPort}/hooks/x", "whsec-" + Unique()));

        var id = await factory.QueueOnChannelAsync(user, channel);
        await factory.RunWorkerAsync();

        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Pending, 1, DeliveryFailures.ServiceUnreachable), (delivery.Status, delivery.Attempts, delivery.LastError));
    }

    [Fact]
    public async Task Send_TelegramSlackTeamsWebhookAndSms_NoTokenUrlSecretOrSigningSecretInAnyLogRecordOrLastError()
    {
        var user = await factory.CreateUserAsync();
        var slackSecret = "slack-path-secret-" + Unique();
        var teamsSecret = "teams-path-secret-" + Unique();
        var signingSecret = "whsec-signing-secret-" + Unique();
        var webhookSecret = "webhook-path-secret-" + Unique();
        var channels = new[]
        {
            await factory.AddChannelAsync(user, NotificationChannelKind.Telegram, "@pp" + Unique()),
            await factory.AddChannelAsync(user, NotificationChannelKind.Sms, UniquePhone()),
            await factory.AddChannelAsync(user, NotificationChannelKind.Slack, secret: new ChannelSecret(Listener.Url("/services/" + slackSecret))),
            await factory.AddChannelAsync(user, NotificationChannelKind.Teams, secret: new ChannelSecret(Listener.Url("/workflows/" + teamsSecret))),
            await factory.AddChannelAsync(user, NotificationChannelKind.Webhook, secret: new ChannelSecret(Listener.Url("/hooks/" + webhookSecret), signingSecret)),
        };
        // Failures (and their log lines) as well as successes: the Teams URL answers 404, the webhook a redirect.
        Listener.AnswerWith("/workflows/" + teamsSecret, HttpStatusCode.NotFound);
        Listener.AnswerWith("/hooks/" + webhookSecret, HttpStatusCode.Found, Listener.Url("/hooks/" + webhookSecret + "/moved"));

        foreach (var channel in channels) await factory.QueueOnChannelAsync(user, channel);
        await factory.RunWorkerAsync();

        var deliveries = await factory.DeliveriesOfAsync(user);
        Assert.Equal(5, deliveries.Count);
        Assert.Equal(5, Listener.Requests.Count(r => r.Path.Contains(slackSecret, StringComparison.Ordinal) || r.Path.Contains(teamsSecret, StringComparison.Ordinal)
            || r.Path.Contains(webhookSecret, StringComparison.Ordinal) || r.Path == TelegramPath && r.Json.GetProperty("chat_id").GetString() == channels[0].Target
            || r.Path == ChannelsPortalFactory.SmsPath && r.Json.GetProperty("to").GetString() == channels[1].Target));
        foreach (var secret in new[] { ChannelsPortalFactory.BotToken, "telegram-bot-token", ChannelsPortalFactory.SmsAuthorization, "sms-gateway-key", slackSecret, teamsSecret, webhookSecret, signingSecret, "loopback-listener-said" })
        {
            Assert.False(factory.LogsContain(secret), $"A log record contains {secret}.");
            Assert.DoesNotContain(deliveries, d => (d.LastError ?? "").Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(deliveries, d => (d.LastError ?? "").Contains("http", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Category == typeof(NotificationWorker).FullName && r.Property("Reason") == DeliveryFailures.AddressUnknown);
    }

    private IEnumerable<LoopbackHttpListener.Request> SmsTo(string phone)
        => Listener.RequestsTo(ChannelsPortalFactory.SmsPath).Where(r => r.Json.GetProperty("to").GetString() == phone);

    private static JsonElement Card(LoopbackHttpListener.Request request)
        => request.Json.GetProperty("attachments")[0].GetProperty("content");

    private static void AssertJsonRequest(LoopbackHttpListener.Request request)
    {
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.Equal("ProfilePortal-Notifications/1", request.Header("User-Agent"));
        Assert.Null(request.Header("Cookie"));
    }

    private async Task AssertSentAsync(long id)
    {
        var delivery = await factory.DeliveryAsync(id);
        Assert.Equal((NotificationDeliveryStatus.Sent, 1, null), (delivery.Status, delivery.Attempts, delivery.LastError));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, delivery.SentAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    /// <summary>What a receiver computes: HMAC-SHA256 with the secret over "timestamp." and the body's bytes, lowercase hex.</summary>
    private static string HmacHex(string secret, string timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        hmac.TransformBlock(Encoding.UTF8.GetBytes(timestamp + "."), 0, timestamp.Length + 1, null, 0);
        hmac.TransformFinalBlock(body, 0, body.Length);
        return Convert.ToHexString(hmac.Hash!).ToLowerInvariant();
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    private static string UniquePhone() => "+4479" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
}
