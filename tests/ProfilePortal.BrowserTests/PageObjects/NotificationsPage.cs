using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>
/// /Settings/Notifications: one card per channel the deployment offers (address or URL, on/off, Save, Send test), the
/// webhook signing secret shown once, the frequency radio group and the deliveries table.
/// </summary>
public sealed partial class NotificationsPage(IPage page)
{
    public const string Path = "/Settings/Notifications";

    /// <summary>Matches the page's address (no handler, no query) whatever host and port the test server got.</summary>
    public static Regex Url => UrlPattern();

    public IPage Page => page;

    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator FormError => page.GetByTestId("form-error");

    public ILocator FrequencyGroup => page.GetByRole(AriaRole.Group, new PageGetByRoleOptions { Name = "How often to send account notices" });
    public ILocator Instantly => FrequencyGroup.GetByLabel("Instantly", new LocatorGetByLabelOptions { Exact = true });
    public ILocator HourlyDigest => FrequencyGroup.GetByLabel("Hourly digest", new LocatorGetByLabelOptions { Exact = true });
    public ILocator DailyDigest => FrequencyGroup.GetByLabel(DailyDigestLabel());
    public ILocator FrequencyOff => FrequencyGroup.GetByLabel("Off", new LocatorGetByLabelOptions { Exact = true });
    public ILocator SaveFrequencyButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save frequency", Exact = true });

    public ILocator WebhookUrl => page.GetByLabel("Webhook URL", new PageGetByLabelOptions { Exact = true });
    public ILocator NewSigningSecret => page.GetByTestId("new-signing-secret");
    public ILocator NewSigningSecretValue => NewSigningSecret.GetByRole(AriaRole.Textbox, new LocatorGetByRoleOptions { Name = "Your webhook signing secret" });

    public ILocator Deliveries => page.GetByTestId("deliveries").Locator("tbody tr");
    public ILocator NoDeliveries => page.GetByTestId("no-deliveries");

    public static async Task<NotificationsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new NotificationsPage(page);
    }

    /// <summary>A channel's card by its name as the page shows it ("Email", "Webhook").</summary>
    public ILocator Channel(string name) => page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>"Save", named after its channel for screen readers: "Save Webhook".</summary>
    public ILocator SaveButton(string channel) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Save {channel}", Exact = true });

    /// <summary>"Send test", named after its channel: "Send test Email".</summary>
    public ILocator SendTestButton(string channel) => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Send test {channel}", Exact = true });

    /// <summary>The deliveries table's rows for a channel with a subject.</summary>
    public ILocator Delivery(string channel, string subject) => Deliveries
        .Filter(new LocatorFilterOptions { Has = page.Locator("td:nth-child(1)", new PageLocatorOptions { HasTextRegex = ExactText(channel) }) })
        .Filter(new LocatorFilterOptions { Has = page.Locator("td:nth-child(2)", new PageLocatorOptions { HasTextRegex = ExactText(subject) }) });

    /// <summary>A delivery row's status cell ("Pending", "Sent", "Failed").</summary>
    public static ILocator Status(ILocator delivery) => delivery.Locator("td:nth-child(3)");

    public async Task SaveFrequencyAsync(ILocator choice)
    {
        await choice.CheckAsync();
        await SaveFrequencyButton.ClickAsync();
    }

    public async Task SaveWebhookAsync(string url)
    {
        await WebhookUrl.FillAsync(url);
        await SaveButton("Webhook").ClickAsync();
    }

    public Task SendTestAsync(string channel) => SendTestButton(channel).ClickAsync();

    /// <summary>
    /// Reloads the page until the delivery's status reads <paramref name="status"/>: the worker sends in the background,
    /// and the page is server-rendered, so only a reload shows its progress. Fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForDeliveryStatusAsync(string channel, string subject, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var row = Delivery(channel, subject);
            if (await row.CountAsync() == 1 && (await Status(row).InnerTextAsync()).Trim() == status) return;
            if (DateTime.UtcNow > deadline)
            {
                var rows = await Deliveries.AllInnerTextsAsync();
                Assert.Fail($"No {channel} delivery \"{subject}\" reads {status} after {timeout.TotalSeconds} s; the table shows: {string.Join(" | ", rows)}");
            }
            await Task.Delay(250);
            await page.ReloadAsync();
        }
    }

    private static Regex ExactText(string text) => new($"^\\s*{Regex.Escape(text)}\\s*$");

    [GeneratedRegex(@"/Settings/Notifications$")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^Daily digest at 08:00 your time")]
    private static partial Regex DailyDigestLabel();
}
