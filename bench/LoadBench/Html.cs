using System.Net;
using System.Text.RegularExpressions;

namespace LoadBench;

/// <summary>Just enough HTML reading to fill the portal's forms like a browser: regular expressions over the markup the
/// portal's tag helpers write (a parser would cost the load generator more CPU than the pages cost the server).</summary>
internal static partial class Html
{
    public static string? AntiforgeryToken(string html)
        => AntiforgeryPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The value of the input named <paramref name="name"/>, decoded; null when there is no such input.</summary>
    public static string? InputValue(string html, string name)
    {
        var tag = Regex.Match(html, $"<input\\b[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>", RegexOptions.CultureInvariant);
        if (!tag.Success) return null;
        var value = ValuePattern().Match(tag.Value);
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }

    public static string? TextAreaValue(string html, string name)
    {
        var match = Regex.Match(html, $"<textarea\\b[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.CultureInvariant);
        if (!match.Success) return null;
        // HTML drops one newline right after <textarea>; the tag helper writes one.
        var text = WebUtility.HtmlDecode(match.Groups[1].Value);
        return text.StartsWith("\r\n", StringComparison.Ordinal) ? text[2..] : text.StartsWith('\n') ? text[1..] : text;
    }

    public static string? SelectedOption(string html)
        => SelectedPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public static string? StatusMessage(string html)
        => StatusPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>Ids of the tokens in the "active tokens" list (the withdrawn list below carries ids too).</summary>
    public static IReadOnlyList<string> ActiveTokenIds(string html)
    {
        var start = html.IndexOf("data-testid=\"active-tokens\"", StringComparison.Ordinal);
        if (start < 0) return [];
        var end = html.IndexOf("</ul>", start, StringComparison.Ordinal);
        var list = end < 0 ? html[start..] : html[start..end];
        return TokenIdPattern().Matches(list).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>Ids of the sessions listed on the Sessions page other than this device's.</summary>
    public static IReadOnlyList<string> OtherSessionIds(string html)
    {
        var ids = new List<string>();
        foreach (Match item in SessionItemPattern().Matches(html))
        {
            if (!item.Groups[2].Value.Contains("data-testid=\"current-session\"", StringComparison.Ordinal)) ids.Add(item.Groups[1].Value);
        }

        return ids;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected>", RegexOptions.CultureInvariant)]
    private static partial Regex SelectedPattern();

    [GeneratedRegex("data-testid=\"status-message\">([^<]*)<", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    [GeneratedRegex("data-token-id=\"([0-9a-f-]{36})\"", RegexOptions.CultureInvariant)]
    private static partial Regex TokenIdPattern();

    [GeneratedRegex("data-session-id=\"([0-9a-f-]{36})\">(.*?)</li>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex SessionItemPattern();
}
