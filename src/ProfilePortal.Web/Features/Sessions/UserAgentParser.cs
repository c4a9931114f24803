using System.Text.RegularExpressions;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>Browser and system names are product names and stay untranslated; null means not recognised.</summary>
public sealed record DeviceInfo(string? Browser, string? BrowserVersion, string? OperatingSystem)
{
    public static readonly DeviceInfo Unknown = new(null, null, null);

    public string? BrowserWithVersion => Browser is null ? null : BrowserVersion is null ? Browser : $"{Browser} {BrowserVersion}";
}

/// <summary>
/// Names the browser and operating system in a user-agent string for the sessions and security log pages.
/// No maintained parser package is available, so this is a small table: the first matching row wins, and rows
/// are ordered so that browsers built on another (Edge and Opera on Chrome, Chrome on Safari) match first.
/// </summary>
public static partial class UserAgentParser
{
    private static readonly (Regex Pattern, string Name)[] Browsers =
    [
        (EdgePattern(), "Edge"),
        (OperaPattern(), "Opera"),
        (SamsungPattern(), "Samsung Internet"),
        (VivaldiPattern(), "Vivaldi"),
        (YandexPattern(), "Yandex Browser"),
        (FirefoxPattern(), "Firefox"),
        (HeadlessChromePattern(), "Headless Chrome"),
        (ChromePattern(), "Chrome"),
        (SafariPattern(), "Safari"),
        (CurlPattern(), "curl"),
    ];

    private static readonly (Regex Pattern, string Name)[] Systems =
    [
        (WindowsPattern(), "Windows"),
        (IPadPattern(), "iPadOS"),
        (IPhonePattern(), "iOS"),
        (MacPattern(), "macOS"),
        (AndroidPattern(), "Android"),
        (ChromeOsPattern(), "ChromeOS"),
        (LinuxPattern(), "Linux"),
    ];

    public static DeviceInfo Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return DeviceInfo.Unknown;

        string? browser = null;
        string? version = null;
        foreach (var (pattern, name) in Browsers)
        {
            var match = pattern.Match(userAgent);
            if (!match.Success) continue;
            browser = name;
            version = match.Groups["v"].Success ? match.Groups["v"].Value : null;
            break;
        }

        string? system = null;
        foreach (var (pattern, name) in Systems)
        {
            var match = pattern.Match(userAgent);
            if (!match.Success) continue;
            system = match.Groups["v"].Success ? $"{name} {match.Groups["v"].Value.Replace('_', '.')}" : name;
            break;
        }

        return new DeviceInfo(browser, version, system);
    }

    [GeneratedRegex(@"\bEdg(?:e|A|iOS)?/(?<v>\d+)")] private static partial Regex EdgePattern();
    [GeneratedRegex(@"\b(?:OPR|Opera)/(?<v>\d+)")] private static partial Regex OperaPattern();
    [GeneratedRegex(@"\bSamsungBrowser/(?<v>\d+)")] private static partial Regex SamsungPattern();
    [GeneratedRegex(@"\bVivaldi/(?<v>\d+)")] private static partial Regex VivaldiPattern();
    [GeneratedRegex(@"\bYaBrowser/(?<v>\d+)")] private static partial Regex YandexPattern();
    [GeneratedRegex(@"\b(?:Firefox|FxiOS)/(?<v>\d+)")] private static partial Regex FirefoxPattern();
    [GeneratedRegex(@"\bHeadlessChrome/(?<v>\d+)")] private static partial Regex HeadlessChromePattern();
    [GeneratedRegex(@"\b(?:Chrome|CriOS|Chromium)/(?<v>\d+)")] private static partial Regex ChromePattern();
    [GeneratedRegex(@"\bVersion/(?<v>\d+)(?:\.\d+)*(?: Mobile/\w+)? Safari/")] private static partial Regex SafariPattern();
    [GeneratedRegex(@"^curl/(?<v>\d+)")] private static partial Regex CurlPattern();
    [GeneratedRegex(@"\bWindows NT \d")] private static partial Regex WindowsPattern();
    [GeneratedRegex(@"\biPad\b.*?\bOS (?<v>\d+)")] private static partial Regex IPadPattern();
    [GeneratedRegex(@"\biPhone OS (?<v>\d+)")] private static partial Regex IPhonePattern();
    [GeneratedRegex(@"\bMac OS X\b")] private static partial Regex MacPattern();
    [GeneratedRegex(@"\bAndroid (?<v>\d+)")] private static partial Regex AndroidPattern();
    [GeneratedRegex(@"\bCrOS\b")] private static partial Regex ChromeOsPattern();
    [GeneratedRegex(@"\bLinux\b")] private static partial Regex LinuxPattern();
}
