using Microsoft.Playwright;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium, started headless, and the browser-context settings every test uses.</summary>
public static class Chromium
{
    // Debian's Chromium: `playwright install` cannot download browsers on this machine.
    private const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
        => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = Args });

    /// <summary>A 1280×900 English tab in the portal's default zone (UTC) on <paramref name="baseAddress"/>, so page objects use relative paths.</summary>
    public static BrowserNewContextOptions ContextOptions(Uri baseAddress, string? storageState = null, bool javaScriptEnabled = true) => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "en-US",
        TimezoneId = TimeZoneCatalog.DefaultZone,
        StorageState = storageState,
        JavaScriptEnabled = javaScriptEnabled,
    };
}
