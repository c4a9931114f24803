using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>
/// The IANA time zones this server knows (from the system's tz database), for the profile's list. The profile page
/// offers a short list of common zones grouped by region (about 60 of the 420: the page is a third of the size it
/// was with every zone), always with the person's own zone in it; every zone stays one step away ("Show all time
/// zones", and a search box that reads <see cref="All"/>). The rendered options are built once per hour and language
/// (offsets change with daylight saving time, region names are translated), not per request.
/// </summary>
public sealed class TimeZoneCatalog(TimeProvider clock)
{
    public const string DefaultZone = "UTC";

    /// <summary>The zones of the short list: the most used zone of every populated offset and the big business cities.</summary>
    public static readonly IReadOnlyList<string> CommonZones =
    [
        "Africa/Abidjan", "Africa/Cairo", "Africa/Casablanca", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
        "America/Anchorage", "America/Argentina/Buenos_Aires", "America/Bogota", "America/Chicago", "America/Denver",
        "America/Halifax", "America/Los_Angeles", "America/Mexico_City", "America/New_York", "America/Phoenix",
        "America/Santiago", "America/Sao_Paulo", "America/St_Johns", "America/Toronto", "America/Vancouver",
        "Asia/Bangkok", "Asia/Dhaka", "Asia/Dubai", "Asia/Ho_Chi_Minh", "Asia/Hong_Kong", "Asia/Jakarta", "Asia/Jerusalem",
        "Asia/Karachi", "Asia/Kathmandu", "Asia/Kolkata", "Asia/Manila", "Asia/Riyadh", "Asia/Seoul", "Asia/Shanghai",
        "Asia/Singapore", "Asia/Taipei", "Asia/Tehran", "Asia/Tokyo", "Asia/Yangon",
        "Atlantic/Azores", "Atlantic/Reykjavik",
        "Australia/Adelaide", "Australia/Brisbane", "Australia/Perth", "Australia/Sydney",
        "Europe/Amsterdam", "Europe/Athens", "Europe/Berlin", "Europe/Istanbul", "Europe/Kyiv", "Europe/Lisbon",
        "Europe/London", "Europe/Madrid", "Europe/Moscow", "Europe/Paris", "Europe/Rome", "Europe/Stockholm",
        "Europe/Warsaw", "Europe/Zurich",
        "Pacific/Auckland", "Pacific/Honolulu", "Pacific/Kiritimati", "Pacific/Pago_Pago",
    ];

    /// <summary>The regions (the part of an id before its first '/'), in the order the list shows them.</summary>
    private static readonly string[] RegionOrder = ["Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"];

    private readonly Lazy<HashSet<string>> _ids = new(() =>
    {
        var ids = WithoutKeepingZones(() => TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(IsIana).ToHashSet(StringComparer.Ordinal));
        ids.Add(DefaultZone);
        return ids;
    });

    private readonly ConcurrentDictionary<(string Culture, bool All), Rendered> _rendered = new();

    private sealed record Rendered(DateTimeOffset Hour, string Html);

    /// <summary>One zone as the list shows it: its region's name and "(UTC+05:30) Kolkata".</summary>
    public sealed record Zone(string Id, string Region, string Label, TimeSpan Offset);

    public bool IsKnown(string? id) => id is not null && _ids.Value.Contains(id);

    public static bool IsCommon(string id) => CommonSet.Contains(id);

    private static readonly HashSet<string> CommonSet = [.. CommonZones, DefaultZone];

    /// <summary>
    /// The list as &lt;option&gt; elements in one &lt;optgroup&gt; per region (UTC first, on its own), sorted by current
    /// UTC offset within a region, with the given zone selected: the common zones (plus the selected one when it is
    /// not among them), or every zone when <paramref name="all"/> is set.
    /// </summary>
    public string OptionsHtml(string? selectedId, bool all, IStringLocalizer t)
    {
        var known = IsKnown(selectedId);
        string html;
        if (all || !known || IsCommon(selectedId!))
        {
            var key = (CultureInfo.CurrentUICulture.Name, all);
            var hour = CurrentHour();
            if (!_rendered.TryGetValue(key, out var rendered) || rendered.Hour != hour)
            {
                // A race only renders the same list twice.
                rendered = new Rendered(hour, Render(all ? All(t) : Zones(CommonSet, hour, t)));
                _rendered[key] = rendered;
            }

            html = rendered.Html;
        }
        else
        {
            // A zone outside the short list, chosen from the full one: shown in its place (rare, so not cached).
            html = Render(Zones([.. CommonSet, selectedId!], CurrentHour(), t));
        }

        if (!known) return html;
        var marker = $"<option value=\"{WebUtility.HtmlEncode(selectedId)}\">";
        return html.Replace(marker, marker[..^1] + " selected>", StringComparison.Ordinal);
    }

    /// <summary>Every zone, in the list's order, for the profile page's search box (kept for the hour and language, like the lists).</summary>
    public IReadOnlyList<Zone> All(IStringLocalizer t)
    {
        var (culture, hour) = (CultureInfo.CurrentUICulture.Name, CurrentHour());
        if (!_all.TryGetValue(culture, out var kept) || kept.Hour != hour)
        {
            kept = (hour, WithoutKeepingZones(() => Zones(_ids.Value, hour, t)));
            _all[culture] = kept;
        }

        return kept.Zones;
    }

    private readonly ConcurrentDictionary<string, (DateTimeOffset Hour, List<Zone> Zones)> _all = new();

    /// <summary>
    /// Runs <paramref name="read"/>, which loads every zone, then lets the runtime's zone cache go: .NET keeps each zone
    /// it has loaded, with all its daylight-saving rules, for the life of the process (about 3 MB for the 420 zones),
    /// while a request only needs its person's zone and the short list's. Zones still in use stay valid; the next
    /// lookup of a zone reads it again.
    /// </summary>
    private static T WithoutKeepingZones<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        finally
        {
            TimeZoneInfo.ClearCachedData();
        }
    }

    public TimeZoneInfo Find(string? id)
        => IsKnown(id) ? TimeZoneInfo.FindSystemTimeZoneById(id!) : TimeZoneInfo.Utc;

    /// <summary>When the lists' offsets may next change (a list is rendered for the hour, so a page keeping one is true until then).</summary>
    public DateTimeOffset ListsValidUntil => CurrentHour().AddHours(1);

    private DateTimeOffset CurrentHour()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string Render(IEnumerable<Zone> zones)
    {
        var html = new StringBuilder(8192);
        string? group = null;
        foreach (var zone in zones)
        {
            // UTC stands on its own, before the regions.
            if (zone.Id != DefaultZone && zone.Region != group)
            {
                if (group is not null) html.Append("</optgroup>");
                html.Append("<optgroup label=\"").Append(WebUtility.HtmlEncode(zone.Region)).Append("\">");
                group = zone.Region;
            }

            html.Append("<option value=\"").Append(WebUtility.HtmlEncode(zone.Id)).Append("\">")
                .Append(WebUtility.HtmlEncode(zone.Label)).Append("</option>");
        }

        if (group is not null) html.Append("</optgroup>");
        return html.ToString();
    }

    /// <summary>The known ones of <paramref name="ids"/> (a system's tz database may lack a common zone), in the list's order.</summary>
    private List<Zone> Zones(IEnumerable<string> ids, DateTimeOffset at, IStringLocalizer t)
        => ids.Distinct(StringComparer.Ordinal).Where(IsKnown)
            .Select(id =>
            {
                var offset = TimeZoneInfo.FindSystemTimeZoneById(id).GetUtcOffset(at);
                var slash = id.IndexOf('/', StringComparison.Ordinal);
                var place = slash < 0 ? id : id[(slash + 1)..].Replace('_', ' ');
                return (Order: RegionIndex(id), Zone: new Zone(id, RegionName(id, t), $"(UTC{FormatOffset(offset)}) {place}", offset));
            })
            .OrderBy(z => z.Order).ThenBy(z => z.Zone.Offset).ThenBy(z => z.Zone.Id, StringComparer.Ordinal)
            .Select(z => z.Zone)
            .ToList();

    /// <summary>UTC first, then the regions in <see cref="RegionOrder"/>, then anything the tz database adds later.</summary>
    private static int RegionIndex(string id)
    {
        if (id == DefaultZone) return -1;
        var index = Array.IndexOf(RegionOrder, id[..id.IndexOf('/', StringComparison.Ordinal)]);
        return index < 0 ? RegionOrder.Length : index;
    }

    private static string RegionName(string id, IStringLocalizer t) => id == DefaultZone ? DefaultZone : id[..id.IndexOf('/', StringComparison.Ordinal)] switch
    {
        "Africa" => t["Africa"],
        "America" => t["Americas"],
        "Antarctica" => t["Antarctica"],
        "Arctic" => t["Arctic"],
        "Asia" => t["Asia"],
        "Atlantic" => t["Atlantic Ocean"],
        "Australia" => t["Australia"],
        "Europe" => t["Europe"],
        "Indian" => t["Indian Ocean"],
        "Pacific" => t["Pacific"],
        var other => other,
    };

    private static string FormatOffset(TimeSpan offset)
        => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    // Linux lists IANA ids; the "Etc/GMT+5"-style and legacy aliases add noise without adding zones people pick.
    private static bool IsIana(string id)
        => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)
           && !id.StartsWith("SystemV/", StringComparison.Ordinal) && !id.StartsWith("posix", StringComparison.Ordinal)
           && !id.StartsWith("right/", StringComparison.Ordinal);
}
