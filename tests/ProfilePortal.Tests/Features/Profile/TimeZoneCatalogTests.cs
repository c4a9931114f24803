using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Tests.Features.Profile;

/// <summary>
/// The catalog keeps its lists for the hour and lets the runtime's zone cache go after reading every zone: what is
/// kept must still be right when the hour (and daylight saving time) changes, and zones must still resolve afterwards.
/// </summary>
public class TimeZoneCatalogTests
{
    private readonly PassThroughLocalizer _t = new();

    [Fact]
    public void All_WithinTheHour_IsTheKeptList_AndAfterADstChangeHasTheNewOffsets()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 29, 0, 10, 0, TimeSpan.Zero));
        var catalog = new TimeZoneCatalog(clock);

        var winter = catalog.All(_t);
        clock.Advance(TimeSpan.FromMinutes(40));
        var sameHour = catalog.All(_t);
        clock.Advance(TimeSpan.FromHours(1)); // 01:50 UTC: Europe moved to summer time at 01:00 UTC
        var summer = catalog.All(_t);

        Assert.Same(winter, sameHour);
        Assert.Equal("(UTC+01:00) Berlin", winter.Single(z => z.Id == "Europe/Berlin").Label);
        Assert.Equal("(UTC+02:00) Berlin", summer.Single(z => z.Id == "Europe/Berlin").Label);
    }

    [Fact]
    public void AfterReadingEveryZone_ZonesStillResolveAndConvert()
    {
        var catalog = new TimeZoneCatalog(TimeProvider.System);

        Assert.True(catalog.All(_t).Count > 300);
        var kolkata = catalog.Find("Asia/Kolkata");

        Assert.Equal("Asia/Kolkata", kolkata.Id);
        Assert.Equal(new DateTime(2026, 6, 1, 17, 30, 0), TimeZoneInfo.ConvertTimeFromUtc(new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc), kolkata));
        Assert.Equal(TimeSpan.FromHours(1), catalog.Find("Europe/Berlin").GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeZoneInfo.Utc, catalog.Find("Mars/Olympus_Mons"));
    }
}
