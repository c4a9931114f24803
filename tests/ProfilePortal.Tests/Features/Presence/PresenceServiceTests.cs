using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Tests.Features.Presence;

/// <summary>
/// Setting the activity status (logged only when it changes) and what others see of it, computed from the sessions'
/// last activity (SPEC 2.8): Online turns to Away after 10 minutes without a request, Appear offline and signed out show
/// as offline, and a page of people costs one query.
/// </summary>
public class PresenceServiceTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    [Fact]
    public async Task Set_NewStatus_SavesItChangesTheAccountStampAndLogsOnce()
    {
        var user = await factory.CreateUserAsync();
        var stampBefore = (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp;

        var change = await SetAsync(user.Id, ActivityStatus.DoNotDisturb);

        Assert.Equal(ActivityStatusChange.Changed, change);
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal(ActivityStatus.DoNotDisturb, saved.ActivityStatus);
        // The stamp is what makes every session rebuild its claims (the menu's own dot) at its next request.
        Assert.NotEqual(stampBefore, saved.ConcurrencyStamp);
        Assert.Equal(["DoNotDisturb"], await LoggedDetailsAsync(user.Id));
    }

    [Fact]
    public async Task Set_SameStatusAgain_ChangesNothingAndLogsNothingMore()
    {
        var user = await factory.CreateUserAsync();
        await SetAsync(user.Id, ActivityStatus.Busy);
        var stamp = (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp;

        var change = await SetAsync(user.Id, ActivityStatus.Busy);

        Assert.Equal(ActivityStatusChange.Unchanged, change);
        Assert.Equal(stamp, (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp);
        Assert.Equal(["Busy"], await LoggedDetailsAsync(user.Id));
    }

    [Fact]
    public async Task Set_TheDefaultOnlineForSomeoneAlreadyOnline_IsUnchanged()
    {
        var user = await factory.CreateUserAsync();

        Assert.Equal(ActivityStatusChange.Unchanged, await SetAsync(user.Id, ActivityStatus.Online));
        Assert.Empty(await LoggedDetailsAsync(user.Id));
    }

    [Fact]
    public async Task Set_UndefinedValue_IsRefusedAndNothingChanges()
    {
        var user = await factory.CreateUserAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SetAsync(user.Id, (ActivityStatus)42));

        Assert.Equal(ActivityStatus.Online, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
        Assert.Empty(await LoggedDetailsAsync(user.Id));
    }

    [Fact]
    public async Task Set_NoSuchPerson_SaysSo()
        => Assert.Equal(ActivityStatusChange.NoSuchPerson, await SetAsync(Guid.NewGuid(), ActivityStatus.Busy));

    [Fact]
    public async Task Shown_OnlineWithARecentRequest_IsOnlineThenAwayAfterTenQuietMinutes()
    {
        var user = await factory.CreateUserAsync();
        await factory.SignedInClientAsync(user);

        Assert.Equal(ShownStatus.Online, await ShownAsync(user.Id));

        factory.Clock.Advance(PresenceRules.AwayAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(ShownStatus.Online, await ShownAsync(user.Id));

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(ShownStatus.Away, await ShownAsync(user.Id));
    }

    [Fact]
    public async Task Shown_LatestOfSeveralSessionsCounts()
    {
        var user = await factory.CreateUserAsync();
        await factory.SignedInClientAsync(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        await factory.SignedInClientAsync(user);

        Assert.Equal(ShownStatus.Online, await ShownAsync(user.Id));
        var presence = await factory.InScopeAsync(sp => sp.GetRequiredService<PresenceService>().ReadAsync(user.Id, CancellationToken.None));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, presence!.LastActivityAt!.Value, TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(ActivityStatus.Busy, ShownStatus.Busy)]
    [InlineData(ActivityStatus.DoNotDisturb, ShownStatus.DoNotDisturb)]
    [InlineData(ActivityStatus.Away, ShownStatus.Away)]
    [InlineData(ActivityStatus.AppearOffline, ShownStatus.Offline)]
    public async Task Shown_SignedInPerson_ShowsTheChosenStatusAndAppearOfflineAsOffline(ActivityStatus chosen, ShownStatus shown)
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = chosen);
        await factory.SignedInClientAsync(user);

        Assert.Equal(shown, await ShownAsync(user.Id));
    }

    [Fact]
    public async Task Shown_NoSession_IsOffline()
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.Busy);

        Assert.Equal(ShownStatus.Offline, await ShownAsync(user.Id));
    }

    [Fact]
    public async Task Shown_OnlySessionHasEndedButIsNotCleanedUpYet_IsOffline()
    {
        var user = await factory.CreateUserAsync();
        await factory.SignedInClientAsync(user);
        // Its absolute lifetime ends now; the hourly cleanup has not deleted the row yet.
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(1, await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions
            .Where(s => s.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, now))));
        Assert.Equal(ShownStatus.Offline, await ShownAsync(user.Id));
    }

    [Fact]
    public async Task ShownStatuses_APageOfPeople_IsOneQueryAndLeavesUnknownIdsOut()
    {
        var online = await factory.CreateUserAsync();
        var busy = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.Busy);
        var hidden = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.AppearOffline);
        var signedOut = await factory.CreateUserAsync();
        foreach (var user in new[] { online, busy, hidden }) await factory.SignedInClientAsync(user);
        var unknown = Guid.NewGuid();

        var shown = await factory.InScopeAsync(async sp =>
        {
            var presence = sp.GetRequiredService<PresenceService>();
            var before = factory.Commands;
            var result = await presence.ShownStatusesAsync([online.Id, busy.Id, hidden.Id, signedOut.Id, unknown], CancellationToken.None);
            Assert.Equal(1, factory.Commands - before);
            return result;
        });

        Assert.Equal(4, shown.Count);
        Assert.Equal(ShownStatus.Online, shown[online.Id]);
        Assert.Equal(ShownStatus.Busy, shown[busy.Id]);
        Assert.Equal(ShownStatus.Offline, shown[hidden.Id]);
        Assert.Equal(ShownStatus.Offline, shown[signedOut.Id]);
        Assert.False(shown.ContainsKey(unknown));
    }

    [Fact]
    public async Task ShownStatuses_NoIds_IsEmptyWithoutAQuery()
    {
        var before = factory.Commands;
        var shown = await factory.InScopeAsync(sp => sp.GetRequiredService<PresenceService>().ShownStatusesAsync([], CancellationToken.None));

        Assert.Empty(shown);
        Assert.Equal(before, factory.Commands);
    }

    private Task<ActivityStatusChange> SetAsync(Guid userId, ActivityStatus status)
        => factory.InScopeAsync(sp => sp.GetRequiredService<PresenceService>().SetAsync(userId, status, CancellationToken.None));

    private async Task<ShownStatus> ShownAsync(Guid userId)
        => (await factory.InScopeAsync(sp => sp.GetRequiredService<PresenceService>().ShownStatusesAsync([userId], CancellationToken.None)))[userId];

    private Task<List<string?>> LoggedDetailsAsync(Guid userId) => factory.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.Type == SecurityEventType.ActivityStatusChanged)
            .OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
}
