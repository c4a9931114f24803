using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Tokens;

/// <summary>
/// Expiry dates as the person picks them: a calendar day in their own time zone, the token working until the end of
/// that day. Stored as the UTC instant the next day starts there.
/// </summary>
public sealed class TokenExpiry(TimeProvider clock, TimeZoneCatalog zones, IOptions<ApiTokenOptions> options)
{
    public DateOnly Today(string timeZoneId)
        => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zones.Find(timeZoneId)).DateTime);

    /// <summary>The first date that may be picked (tomorrow) and the last (today + Tokens:MaxLifetimeDays).</summary>
    public (DateOnly First, DateOnly Last) Range(string timeZoneId)
    {
        var today = Today(timeZoneId);
        return (today.AddDays(1), today.AddDays(options.Value.MaxLifetimeDays));
    }

    /// <summary>The date the form suggests for a new token: 30 days ahead, as GitHub does.</summary>
    public DateOnly Suggested(string timeZoneId)
    {
        var (first, last) = Range(timeZoneId);
        var suggestion = Today(timeZoneId).AddDays(30);
        return suggestion < first ? first : suggestion > last ? last : suggestion;
    }

    public DateTime? ToUtc(TokenDetailsInput input)
    {
        if (input.NeverExpires || input.ExpiresOn is not { } day) return null;
        var zone = zones.Find(input.TimeZoneId);
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight that does not exist locally (a DST jump) moves forward to the first instant that does.
        while (zone.IsInvalidTime(nextMidnight)) nextMidnight = nextMidnight.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(nextMidnight, zone);
    }

    /// <summary>The last day a stored expiry lets the token work, in the person's zone (for the edit form).</summary>
    public DateOnly? LastDay(DateTime? expiresAtUtc, string timeZoneId)
    {
        if (expiresAtUtc is not { } utc) return null;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zones.Find(timeZoneId));
        return DateOnly.FromDateTime(local.AddTicks(-1));
    }
}
