using System.Globalization;
using Microsoft.AspNetCore.Localization;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Localization;

/// <summary>An interface language as the choosers list it: its culture name and its name in itself ("Deutsch").</summary>
public sealed record PortalLanguage(string Culture, string NativeName);

/// <summary>
/// The interface languages (SPEC 2.8) and the language cookie that carries the choice of someone not signed in. A
/// signed-in person's choice is stored on the account and reaches every request as a claim
/// (<see cref="AccountLanguageCultureProvider"/>).
/// </summary>
public static class PortalLanguages
{
    /// <summary>The cookie's name; <c>__Host-</c> prefixed when the portal is served over https (PortalCookies).</summary>
    public const string CookieName = "ProfilePortal.Language";

    /// <summary>
    /// Each language's name in itself as ICU gives it (CultureInfo.NativeName, capitalised as a menu item), written out:
    /// asking ICU at run time loads every language's display-name tables, about 2.6 MB of each process's memory, for
    /// these 18 strings. PortalLanguagesTests checks them against ICU.
    /// </summary>
    private static readonly Dictionary<string, string> NativeNames = new(StringComparer.Ordinal)
    {
        ["en"] = "English",
        ["es"] = "Español",
        ["pt"] = "Português",
        ["ar"] = "العربية",
        ["my"] = "မြန်မာ",
        ["th"] = "ไทย",
        ["zh-Hant"] = "中文（繁體）",
        ["zh-Hans"] = "中文（简体）",
        ["it"] = "Italiano",
        ["de"] = "Deutsch",
        ["ru"] = "Русский",
        ["fr"] = "Français",
        ["ja"] = "日本語",
        ["id"] = "Indonesia",
        ["tr"] = "Türkçe",
        ["ko"] = "한국어",
        ["vi"] = "Tiếng Việt",
        ["he"] = "עברית",
    };

    public static readonly IReadOnlyList<PortalLanguage> All =
        LocalizationSetup.SupportedCultures.Select(c => new PortalLanguage(c, NativeNames[c])).ToList();

    public static bool IsSupported(string? culture)
        => culture is not null && LocalizationSetup.SupportedCultures.Contains(culture, StringComparer.Ordinal);

    /// <summary>The supported culture the current UI culture falls back to ("de-AT" → "de", "zh-TW" → "zh-Hant").</summary>
    public static string Current
    {
        get
        {
            for (var culture = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(culture.Name); culture = culture.Parent)
            {
                if (IsSupported(culture.Name)) return culture.Name;
            }
            return LocalizationSetup.SupportedCultures[0];
        }
    }

    /// <summary>An interface language's name in that language, capitalised as a menu item ("Español"); the culture name for any other.</summary>
    public static string NativeNameOf(string culture) => NativeNames.GetValueOrDefault(culture, culture);

    /// <summary>Remembers <paramref name="culture"/> in this browser (null forgets it: the browser's languages apply).</summary>
    public static void RememberInBrowser(HttpContext context, string? culture, PortalOptions portal)
    {
        var name = portal.IsHttps ? PortalCookies.HostPrefix + CookieName : CookieName;
        if (culture is null)
        {
            context.Response.Cookies.Delete(name, new CookieOptions { Path = "/", Secure = portal.IsHttps });
            return;
        }
        var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
        context.Response.Cookies.Append(name, value, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = portal.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the current culture (an email in the recipient's language).</summary>
    public static T In<T>(string? culture, Func<T> action)
    {
        if (!IsSupported(culture)) return action();
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture!);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }
}
