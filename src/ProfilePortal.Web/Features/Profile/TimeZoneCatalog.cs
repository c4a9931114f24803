namespace ProfilePortal.Web.Features.Profile;

public sealed record TimeZoneChoice(string Id, string Label);

/// <summary>The IANA time zones this server knows (from the system's tz database), for the profile's list.</summary>
public sealed class TimeZoneCatalog(TimeProvider clock)
{
    public const string DefaultZone = "UTC";

    private readonly Lazy<HashSet<string>> _ids = new(() =>
    {
        var ids = TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(IsIana).ToHashSet(StringComparer.Ordinal);
        ids.Add(DefaultZone);
        return ids;
    });

    public bool IsKnown(string? id) => id is not null && _ids.Value.Contains(id);

    /// <summary>Sorted by current UTC offset, then by id; labels like "(UTC+05:30) Asia/Kolkata".</summary>
    public IReadOnlyList<TimeZoneChoice> Choices()
    {
        var now = clock.GetUtcNow();
        return _ids.Value
            .Select(id => (Id: id, Offset: TimeZoneInfo.FindSystemTimeZoneById(id).GetUtcOffset(now)))
            .OrderBy(z => z.Offset).ThenBy(z => z.Id, StringComparer.Ordinal)
            .Select(z => new TimeZoneChoice(z.Id, $"(UTC{FormatOffset(z.Offset)}) {z.Id}"))
            .ToList();
    }

    public TimeZoneInfo Find(string? id)
        => IsKnown(id) ? TimeZoneInfo.FindSystemTimeZoneById(id!) : TimeZoneInfo.Utc;

    private static string FormatOffset(TimeSpan offset)
        => (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture);

    // Linux lists IANA ids; the "Etc/GMT+5"-style and legacy aliases add noise without adding zones people pick.
    private static bool IsIana(string id)
        => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal)
           && !id.StartsWith("SystemV/", StringComparison.Ordinal) && !id.StartsWith("posix", StringComparison.Ordinal)
           && !id.StartsWith("right/", StringComparison.Ordinal);
}
