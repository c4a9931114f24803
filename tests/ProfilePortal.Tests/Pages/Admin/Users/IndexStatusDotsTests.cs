using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

/// <summary>The admin users list draws each person's avatar with their status dot, read for the whole page at once.</summary>
public class IndexStatusDotsTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    private static string UniqueLastName() => "Zd" + Guid.NewGuid().ToString("N")[..8];

    private static string? Dot(HtmlPage page, Guid userId)
        => page.Document.QuerySelector($"tr[data-user-id='{userId}'] [data-testid='user-avatar'] .status-dot")?.GetAttribute("data-status");

    [Fact]
    public async Task Get_PeopleWithEachStatus_ShowsWhatOthersSee()
    {
        var last = UniqueLastName();
        var quiet = await factory.CreateUserAsync(u => u.LastName = last);
        await factory.SignedInClientAsync(quiet);
        factory.Clock.Advance(PresenceRules.AwayAfter);
        var online = await factory.CreateUserAsync(u => u.LastName = last);
        var busy = await factory.CreateUserAsync(u => { u.LastName = last; u.ActivityStatus = ActivityStatus.Busy; });
        var hidden = await factory.CreateUserAsync(u => { u.LastName = last; u.ActivityStatus = ActivityStatus.AppearOffline; });
        var signedOut = await factory.CreateUserAsync(u => u.LastName = last);
        foreach (var person in new[] { online, busy, hidden }) await factory.SignedInClientAsync(person);
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        var page = await admin.GetPageAsync($"/Admin/Users?q={last}");

        Assert.Equal("Online", Dot(page, online.Id));
        Assert.Equal("Away", Dot(page, quiet.Id));
        Assert.Equal("Busy", Dot(page, busy.Id));
        Assert.Equal("Offline", Dot(page, hidden.Id));
        Assert.Equal("Offline", Dot(page, signedOut.Id));
        Assert.Equal("Busy", page.Text($"tr[data-user-id='{busy.Id}'] .status-dot .visually-hidden"));
    }

    [Fact]
    public async Task Get_MorePeopleOnThePage_SameNumberOfQueries()
    {
        var last = UniqueLastName();
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        async Task<int> QueriesForListAsync()
        {
            await admin.GetAsync($"/Admin/Users?q={last}");
            var before = factory.Commands;
            var page = await admin.GetPageAsync($"/Admin/Users?q={last}");
            Assert.All(page.Document.QuerySelectorAll("[data-testid='users'] tbody tr"), row => Assert.NotNull(row.QuerySelector(".status-dot")));
            return factory.Commands - before;
        }

        for (var i = 0; i < 2; i++) await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.LastName = last));
        var withTwo = await QueriesForListAsync();
        for (var i = 0; i < 6; i++) await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.LastName = last));
        var withEight = await QueriesForListAsync();

        Assert.Equal(withTwo, withEight);
    }
}
