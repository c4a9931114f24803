using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>
/// When a digest goes out (SPEC 2.8): hourly at the top of the person's local hour, daily at 08:00 (configurable) in
/// their time zone. Times are computed on the local clock and converted back, so a daily digest stays at 08:00 local
/// across a daylight-saving change; a local time the change skips is moved one hour on.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The first slot strictly after <paramref name="nowUtc"/>; null for Instantly and Off (no digest).</summary>
    public static DateTime? NextSlot(NotificationFrequency frequency, DateTime nowUtc, TimeZoneInfo zone, int dailyHour)
    {
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var local = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone);
        return frequency switch
        {
            NotificationFrequency.HourlyDigest => NextLocalTopOfHour(nowUtc, zone),
            NotificationFrequency.DailyDigest => FirstAfter(nowUtc, zone, local.Date.AddHours(dailyHour) <= local ? local.Date.AddDays(1).AddHours(dailyHour) : local.Date.AddHours(dailyHour), TimeSpan.FromDays(1)),
            _ => null,
        };
    }

    /// <summary>
    /// The first quarter hour after now at which the local clock shows a whole hour (every zone's offset is a whole
    /// number of quarter hours). Stepping in UTC keeps the hour a fall-back repeats, which a local step would skip.
    /// </summary>
    private static DateTime NextLocalTopOfHour(DateTime nowUtc, TimeZoneInfo zone)
    {
        var quarter = TimeSpan.FromMinutes(15);
        var candidate = new DateTime(nowUtc.Ticks - nowUtc.Ticks % quarter.Ticks, DateTimeKind.Utc) + quarter;
        for (var i = 0; i < 8; i++, candidate += quarter)
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(candidate, zone);
            if (local.Minute == 0 && local.Second == 0) return candidate;
        }

        throw new InvalidOperationException("No digest slot found.");
    }

    private static DateTime FirstAfter(DateTime nowUtc, TimeZoneInfo zone, DateTime localCandidate, TimeSpan step)
    {
        for (var i = 0; i < 4; i++, localCandidate += step)
        {
            var slot = ToUtc(localCandidate, zone);
            if (slot > nowUtc) return slot;
        }

        throw new InvalidOperationException("No digest slot found.");
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // Skipped by a clock change (02:30 on the spring-forward night): the same wall time an hour later exists.
        while (zone.IsInvalidTime(local)) local = local.AddHours(1);
        if (zone.IsAmbiguousTime(local))
        {
            // Repeated by a clock change: the first occurrence, i.e. the larger (daylight) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
