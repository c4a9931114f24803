using System.Globalization;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>Shows a stored UTC time in the person's own time zone (SPEC 2.1: all times in the person's zone).</summary>
public sealed class TimeDisplay(TimeZoneCatalog zones)
{
    public string Format(DateTime? utc, string? timeZoneId)
    {
        if (utc is null) return "";
        var zone = zones.Find(timeZoneId);
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc), zone);
        return local.ToString("f", CultureInfo.CurrentCulture) + " (" + zone.Id + ")";
    }

    public string Format(DateTimeOffset? utc, string? timeZoneId) => Format(utc?.UtcDateTime, timeZoneId);

    /// <summary>ISO 8601 for the machine-readable datetime attribute of a time element.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
