using System.Globalization;
using System.Text;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>Text checks shared by the profile's fields.</summary>
public static class TextRules
{
    /// <summary>Browsers send new lines as CRLF; store and count them as one LF so the limit matches what people see.</summary>
    public static string? NormalizeNewLines(string? value) => value?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Length in Unicode characters (code points), as PostgreSQL's varchar counts them.</summary>
    public static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes()) count++;
        return count;
    }

    /// <summary>
    /// True when the text holds a control character (Unicode category Cc) or a bidirectional override, which can
    /// make a name display as something else. Multi-line fields allow new lines and tabs.
    /// </summary>
    public static bool HasControlCharacters(string? value, bool allowNewLines = false)
    {
        if (value is null) return false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (allowNewLines && (rune.Value == '\n' || rune.Value == '\t')) continue;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.Control) return true;
            if (rune.Value is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069) return true;
        }

        return false;
    }
}
