using System.Globalization;
using System.Net;
using System.Text;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// The default avatar (SPEC 2.2): the person's initials on a colour derived from their id, as SVG.
/// The colour is dark enough for white text to pass WCAG AA contrast at any hue.
/// </summary>
public static class InitialsAvatar
{
    public static string Initials(string? firstName, string? lastName)
    {
        var first = FirstLetter(firstName);
        var last = FirstLetter(lastName);
        var initials = (first + last).ToUpperInvariant();
        return initials.Length == 0 ? "?" : initials;
    }

    /// <summary>A stable hue from the id, rendered at low lightness so white text stays readable (contrast ≥ 4.5:1).</summary>
    public static string BackgroundColor(Guid userId)
    {
        var bytes = userId.ToByteArray();
        var hue = (bytes[0] | bytes[1] << 8) % 360;
        return HslToHex(hue, 0.55, 0.28);
    }

    public static string Svg(Guid userId, string? firstName, string? lastName, int size)
    {
        var initials = WebUtility.HtmlEncode(Initials(firstName, lastName));
        var color = BackgroundColor(userId);
        var fontSize = (size * 0.42).ToString("0.#", CultureInfo.InvariantCulture);
        var half = (size / 2.0).ToString("0.#", CultureInfo.InvariantCulture);
        return $"""<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false"><rect width="{size}" height="{size}" rx="{half}" fill="{color}"/><text x="50%" y="50%" dy=".35em" text-anchor="middle" fill="#ffffff" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="{fontSize}" font-weight="600">{initials}</text></svg>""";
    }

    private static string FirstLetter(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        // A text element keeps accented letters and surrogate pairs whole.
        var enumerator = StringInfo.GetTextElementEnumerator(name.Trim());
        return enumerator.MoveNext() ? (string)enumerator.Current : "";
    }

    private static string HslToHex(int hue, double saturation, double lightness)
    {
        var c = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        var x = c * (1 - Math.Abs(hue / 60.0 % 2 - 1));
        var m = lightness - c / 2;
        var (r, g, b) = (hue / 60) switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var sb = new StringBuilder("#", 7);
        foreach (var channel in new[] { r, g, b })
        {
            sb.Append(((int)Math.Round((channel + m) * 255)).ToString("x2", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
