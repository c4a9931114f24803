using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Notifications.Channels;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Notifications;

/// <summary>
/// The browser tests' server with the generic webhook channel offered and loopback URLs allowed, so a webhook can point
/// at a listener the test starts on 127.0.0.1. The background worker runs, as in production: deliveries are really sent.
/// </summary>
public sealed class WebhookKestrelPortal : KestrelPortal
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Notifications:Channels:Webhook:Enabled"] = "true",
        ["Notifications:AllowLoopbackForTests"] = "true",
    };
}

public sealed class NotificationsBrowserFixture() : BrowserFixture(new WebhookKestrelPortal());

public sealed class NotificationsJourneyTests(NotificationsBrowserFixture browser) : IClassFixture<NotificationsBrowserFixture>
{
    private const string TestSubject = "Test notification";
    private const string FrequencySaved = "Your notification frequency has been saved.";
    private const string EmailTestQueued = "A test message to Email is on its way. Its result appears under Deliveries.";

    /// <summary>How long the worker may take to send a test (it wakes at once on a new delivery; this is a bound, not a wait).</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FrequencyAndEmailTest_SignedInThroughTheForm_ChoiceKeptAndTheTestShownAsSentToTheLoginEmail()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);

        var settingsMenu = session.Page.GetByRole(AriaRole.Navigation, new PageGetByRoleOptions { Name = "Settings", Exact = true });
        await settingsMenu.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Notifications", Exact = true }).ClickAsync();
        await Expect(session.Page).ToHaveURLAsync(NotificationsPage.Url);
        var notifications = new NotificationsPage(session.Page);
        await Expect(settingsMenu.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Notifications", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(notifications.Instantly).ToBeCheckedAsync();

        await notifications.SaveFrequencyAsync(notifications.DailyDigest);
        await Expect(session.Page).ToHaveURLAsync(NotificationsPage.Url);
        await Expect(notifications.StatusMessage).ToHaveTextAsync(FrequencySaved);
        await session.Page.ReloadAsync();
        await Expect(notifications.DailyDigest).ToBeCheckedAsync();
        await Expect(notifications.Instantly).Not.ToBeCheckedAsync();
        await Expect(notifications.StatusMessage).ToHaveCountAsync(0);

        await notifications.SendTestAsync("Email");
        await Expect(notifications.StatusMessage).ToHaveTextAsync(EmailTestQueued);
        await notifications.WaitForDeliveryStatusAsync("Email", TestSubject, "Sent", DeliveryTimeout);
        await Expect(notifications.Channel("Email").GetByTestId("last-delivery")).ToContainTextAsync("Sent");
        // A daily digest does not hold a test back; it went to the login email, the only address set.
        var mail = await PickupMailbox.WaitForMessagesToAsync(browser.Portal.PickupDirectory, user.Email, matching: m => m.Text.Contains("This is a test notification.", StringComparison.Ordinal));
        Assert.Single(mail);
    }

    [Fact]
    public async Task Webhook_SavedWithALoopbackUrl_SecretShownOnceAndTheTestArrivesSignedWithIt()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await using var listener = await LoopbackHttpListener.StartAsync();
        const string hookPath = "/hooks/portal";
        var notifications = await NotificationsPage.OpenAsync(session.Page);
        await Expect(notifications.SendTestButton("Webhook")).ToHaveCountAsync(0);

        await notifications.SaveWebhookAsync(listener.Url(hookPath));

        await Expect(notifications.StatusMessage).ToHaveTextAsync("Webhook saved. Copy the signing secret now: it will not be shown again.");
        await Expect(notifications.NewSigningSecretValue).Not.ToHaveValueAsync("");
        var secret = await notifications.NewSigningSecretValue.InputValueAsync();
        await Expect(notifications.Channel("Webhook").GetByTestId("channel-state")).ToHaveTextAsync("On");
        // The URL names the receiver, so it is kept as a secret: the field stays empty, the card names the host only.
        await Expect(notifications.WebhookUrl).ToHaveValueAsync("");
        await Expect(notifications.Channel("Webhook").GetByTestId("saved-url")).ToContainTextAsync("127.0.0.1");

        await session.Page.ReloadAsync();
        await Expect(notifications.NewSigningSecret).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await session.Page.ContentAsync(), StringComparison.Ordinal);

        await notifications.SendTestAsync("Webhook");
        await Expect(notifications.StatusMessage).ToHaveTextAsync("A test message to Webhook is on its way. Its result appears under Deliveries.");
        await notifications.WaitForDeliveryStatusAsync("Webhook", TestSubject, "Sent", DeliveryTimeout);

        var request = Assert.Single(listener.RequestsTo(hookPath));
        Assert.Equal("POST", request.Method);
        Assert.Equal("Test", request.Json.GetProperty("type").GetString());
        Assert.Equal(TestSubject, request.Json.GetProperty("subject").GetString());
        var timestamp = request.Header(WebhookNotificationSender.TimestampHeader);
        Assert.NotNull(timestamp);
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        Assert.Equal(expected, request.Header(WebhookNotificationSender.SignatureHeader));
    }

    [Fact]
    public async Task SendTestAndFrequency_KeyboardOnly_TabSpaceArrowsAndEnterWithFocusVisible()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        var notifications = await NotificationsPage.OpenAsync(page);

        Assert.True(await TabUntilFocusedAsync(notifications.SendTestButton("Email")), "Send test (Email) is not reachable with Tab.");
        await AssertFocusVisibleAsync(notifications.SendTestButton("Email"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(notifications.StatusMessage).ToHaveTextAsync(EmailTestQueued);

        // Tab stops once in a radio group, on the chosen radio; the arrows move the choice, Space keeps it.
        Assert.True(await TabUntilFocusedAsync(notifications.Instantly), "The frequency group is not reachable with Tab.");
        await AssertFocusVisibleAsync(notifications.Instantly);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(notifications.HourlyDigest).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(notifications.DailyDigest).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(notifications.DailyDigest).ToBeCheckedAsync();
        await AssertFocusVisibleAsync(notifications.DailyDigest);
        await page.Keyboard.PressAsync("Tab");
        await Expect(notifications.SaveFrequencyButton).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(notifications.SaveFrequencyButton);
        await page.Keyboard.PressAsync("Enter");

        await Expect(notifications.StatusMessage).ToHaveTextAsync(FrequencySaved);
        await Expect(notifications.DailyDigest).ToBeCheckedAsync();
        await notifications.WaitForDeliveryStatusAsync("Email", TestSubject, "Sent", DeliveryTimeout);
    }

    [Fact]
    public async Task Frequency_JavaScriptDisabled_SavedByThePlainForm()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInWithoutJavaScriptAsync(user);
        var notifications = await NotificationsPage.OpenAsync(session.Page);

        await notifications.SaveFrequencyAsync(notifications.HourlyDigest);

        await Expect(session.Page).ToHaveURLAsync(NotificationsPage.Url);
        await Expect(notifications.StatusMessage).ToHaveTextAsync(FrequencySaved);
        await session.Page.ReloadAsync();
        await Expect(notifications.HourlyDigest).ToBeCheckedAsync();
        Assert.Equal(ProfilePortal.Web.Data.NotificationFrequency.HourlyDigest, (await browser.Portal.LoadUserAsync(user.Id)).NotificationFrequency);
    }

    [Fact]
    public async Task NotificationsPage_WebhookSecretShownAndDeliveriesListed_HasNoAxeViolations()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        await using var listener = await LoopbackHttpListener.StartAsync();
        var notifications = await NotificationsPage.OpenAsync(session.Page);
        await notifications.SendTestAsync("Email");
        await notifications.WaitForDeliveryStatusAsync("Email", TestSubject, "Sent", DeliveryTimeout);

        await notifications.SaveWebhookAsync(listener.Url("/hooks/axe"));
        await Expect(notifications.NewSigningSecretValue).ToBeVisibleAsync();
        await Expect(notifications.Deliveries).ToHaveCountAsync(1);

        await session.Page.AssertNoAxeViolationsAsync();
    }

    /// <summary>Presses Tab as a keyboard user would, stopping when <paramref name="target"/> has focus.</summary>
    private static async Task<bool> TabUntilFocusedAsync(ILocator target, int maxPresses = 60)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return true;
        }
        return false;
    }

    /// <summary>The focused element matches :focus-visible and draws a ring (an outline or Bootstrap's box-shadow).</summary>
    private static async Task AssertFocusVisibleAsync(ILocator element)
    {
        var ring = await element.EvaluateAsync<string>("""
            element => {
                if (!element.matches(':focus-visible')) return 'not :focus-visible';
                const style = getComputedStyle(element);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                return outline || style.boxShadow !== 'none' ? 'ring' : 'no outline and no box-shadow';
            }
            """);
        Assert.True(ring == "ring", $"{await element.EvaluateAsync<string>("e => e.outerHTML.slice(0, 120)")}: {ring}.");
    }
}
