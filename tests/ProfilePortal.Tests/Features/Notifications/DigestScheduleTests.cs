using System.Globalization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>When digests go out (SPEC 2.8): hourly at the local top of the hour, daily at 08:00 local, across DST changes.</summary>
public class DigestScheduleTests
{
    private static DateTime Utc(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static DateTime? Next(NotificationFrequency frequency, string nowUtc, string zone, int dailyHour = 8)
        => DigestSchedule.NextSlot(frequency, Utc(nowUtc), TimeZoneInfo.FindSystemTimeZoneById(zone), dailyHour);

    [Theory]
    [InlineData("2026-06-10T10:17:00Z", "UTC", "2026-06-10T11:00:00Z")]
    [InlineData("2026-06-10T11:00:00Z", "UTC", "2026-06-10T12:00:00Z")]
    // Kolkata is UTC+05:30: 15:47 local, the next local top of the hour (16:00) is 10:30 UTC.
    [InlineData("2026-06-10T10:17:00Z", "Asia/Kolkata", "2026-06-10T10:30:00Z")]
    [InlineData("2026-06-10T10:30:00Z", "Asia/Kolkata", "2026-06-10T11:30:00Z")]
    // Kathmandu is UTC+05:45.
    [InlineData("2026-06-10T10:00:00Z", "Asia/Kathmandu", "2026-06-10T10:15:00Z")]
    // Berlin springs forward at 01:00 UTC on 29 March 2026 (02:00 CET becomes 03:00 CEST): 01:30 CET, next is 03:00 CEST.
    [InlineData("2026-03-29T00:30:00Z", "Europe/Berlin", "2026-03-29T01:00:00Z")]
    // Berlin falls back at 01:00 UTC on 25 October 2026 (03:00 CEST becomes 02:00 CET): 02:30 CEST, next is 02:00 CET, an hour later.
    [InlineData("2026-10-25T00:30:00Z", "Europe/Berlin", "2026-10-25T01:00:00Z")]
    [InlineData("2026-10-25T01:00:00Z", "Europe/Berlin", "2026-10-25T02:00:00Z")]
    public void Hourly_IsTheNextLocalTopOfTheHour(string now, string zone, string expected)
        => Assert.Equal(Utc(expected), Next(NotificationFrequency.HourlyDigest, now, zone));

    /// <summary>08:00 local on the days before, of and after each 2026 DST change, asked the evening before.</summary>
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28", "2026-03-28T07:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03-29", "2026-03-29T06:00:00Z")]
    [InlineData("Europe/Berlin", "2026-03-30", "2026-03-30T06:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-24", "2026-10-24T06:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-25", "2026-10-25T07:00:00Z")]
    [InlineData("Europe/Berlin", "2026-10-26", "2026-10-26T07:00:00Z")]
    [InlineData("America/New_York", "2026-03-07", "2026-03-07T13:00:00Z")]
    [InlineData("America/New_York", "2026-03-08", "2026-03-08T12:00:00Z")]
    [InlineData("America/New_York", "2026-03-09", "2026-03-09T12:00:00Z")]
    [InlineData("America/New_York", "2026-10-31", "2026-10-31T12:00:00Z")]
    [InlineData("America/New_York", "2026-11-01", "2026-11-01T13:00:00Z")]
    [InlineData("America/New_York", "2026-11-02", "2026-11-02T13:00:00Z")]
    public void Daily_IsEightLocalOnEachDayAroundDaylightSavingChanges(string zone, string day, string expected)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var eveningBefore = TimeZoneInfo.ConvertTimeToUtc(DateTime.Parse(day, CultureInfo.InvariantCulture).AddHours(-3), tz);
        var justAfterTheSlot = Utc(expected).AddSeconds(1);

        var slot = DigestSchedule.NextSlot(NotificationFrequency.DailyDigest, eveningBefore, tz, 8);

        Assert.Equal(Utc(expected), slot);
        Assert.Equal(8, TimeZoneInfo.ConvertTimeFromUtc(slot!.Value, tz).Hour);
        // Once the slot has passed, the next one is 08:00 local the day after.
        var next = DigestSchedule.NextSlot(NotificationFrequency.DailyDigest, justAfterTheSlot, tz, 8)!.Value;
        Assert.Equal(DateTime.Parse(day, CultureInfo.InvariantCulture).AddDays(1).AddHours(8), TimeZoneInfo.ConvertTimeFromUtc(next, tz));
    }

    /// <summary>
    /// No 2026 zone skips 08:00 (changes happen at night), so the skipped-time rule is shown with a digest hour of 02:00
    /// in Berlin on 29 March 2026, which does not exist: it goes at 03:00 CEST, the same instant the clock jumps to.
    /// </summary>
    [Fact]
    public void Daily_LocalHourSkippedByTheChange_GoesAnHourLater()
        => Assert.Equal(Utc("2026-03-29T01:00:00Z"), Next(NotificationFrequency.DailyDigest, "2026-03-28T12:00:00Z", "Europe/Berlin", dailyHour: 2));

    /// <summary>A daily hour the fall-back repeats (02:00 on 25 October 2026 in Berlin) goes at its first occurrence.</summary>
    [Fact]
    public void Daily_LocalHourRepeatedByTheChange_GoesAtItsFirstOccurrence()
        => Assert.Equal(Utc("2026-10-25T00:00:00Z"), Next(NotificationFrequency.DailyDigest, "2026-10-24T12:00:00Z", "Europe/Berlin", dailyHour: 2));

    [Theory]
    [InlineData(NotificationFrequency.Instantly)]
    [InlineData(NotificationFrequency.Off)]
    public void NotADigest_HasNoSlot(NotificationFrequency frequency)
        => Assert.Null(Next(frequency, "2026-06-10T10:17:00Z", "Europe/Berlin"));
}
