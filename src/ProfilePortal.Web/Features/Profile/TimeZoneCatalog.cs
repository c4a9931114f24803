using System.Net;
using System.Text;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>
/// The IANA time zones this server knows (from the system's tz database), for the profile's list. The list and its
/// rendered options are built once per hour (offsets change with daylight saving time), not per request: with
/// some 420 zones they were most of the profile page's cost.
/// </summary>
public sealed class TimeZoneCatalog(TimeProvider clock)
{
    public const string DefaultZone = "UTC";

    private readonly Lazy<HashSet<string>> _ids = new(() =>
    {
        var ids = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(IsIana).ToHashSet(StringComparer.Ordinal);
        ids.Add(DefaultZone);
        return ids;
    });

    private Snapshot? _snapshot;

    private sealed record Snapshot(DateTimeOffset Hour, string OptionsHtml);

    public bool IsKnown(string? id) => id is not null && _ids.Value.Contains(id);

    /// <summary>
    /// The list as &lt;option&gt; elements with the given zone selected, for a select element: sorted by current UTC
    /// offset, then by id; labels like "(UTC+05:30) Asia/Kolkata".
    /// </summary>
    public string OptionsHtml(string? selectedId)
    {
        var html = Current().OptionsHtml;
        if (!IsKnown(selectedId)) return html;
        var marker = $"<option value=\"{WebUtility.HtmlEncode(selectedId)}\">";
        return html.Replace(marker, marker[..^1] + " selected>", StringComparison.Ordinal);
    }

    public TimeZoneInfo Find(string? id)
        => IsKnown(id) ? TimeZoneInfo.FindSystemTimeZoneById(id!) : TimeZoneInfo.Utc;

    private Snapshot Current()
    {
        var now = clock.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var snapshot = _snapshot;
        if (snapshot is not null && snapshot.Hour == hour) return snapshot;

        var zones = _ids.Value
            .Select(id => (Id: id, Offset: TimeZoneInfo.FindSystemTimeZoneById(id).GetUtcOffset(now)))
            .OrderBy(z => z.Offset).ThenBy(z => z.Id, StringComparer.Ordinal)
            .ToList();
        var html = new StringBuilder(zones.Count * 64);
        foreach (var (id, offset) in zones)
        {
            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(id)).Append("\">")
                .Append(WebUtility.HtmlEncode($"(UTC{FormatOffset(offset)}) {id}")).Append("</option>");
        }

        // A race only builds the same snapshot twice.
        _snapshot = snapshot = new Snapshot(hour, html.ToString());
        return snapshot;
    }

    private static string FormatOffset(TimeSpan offset)
        => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);

    // Linux lists IANA ids; the "Etc/GMT+5"-style and legacy aliases add noise without adding zones people pick.
    private static bool IsIana(string id)
        => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)
           && !id.StartsWith("SystemV/", StringComparison.Ordinal) && !id.StartsWith("posix", StringComparison.Ordinal)
           && !id.StartsWith("right/", StringComparison.Ordinal);
}
