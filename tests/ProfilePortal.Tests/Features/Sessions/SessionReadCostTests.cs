using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Sessions;

/// <summary>The session store is on every signed-in request: it must stay one read, with no write in steady state.</summary>
public class SessionReadCostTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    [Fact]
    public async Task SignedInRequest_SteadyState_SessionCostsOneQueryAndNoWrite()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        // The first requests after sign-in may write (last activity, claims rebuilt after the sign-in's own updates).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);

        var before = factory.Commands;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);
        var signedIn = factory.Commands - before;

        // The session read, joined to the account, which is also the user the page asks UserManager for (found in the
        // request's change tracker, not read again); then the page's own session list.
        Assert.Equal(2, signedIn);
    }

    [Fact]
    public async Task SessionRead_ReadsTheWholeAccountOnlyForPagesThatUseIt()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        // The sessions page asks UserManager for the person: the session read brings the whole row (the bio among it).
        var sessionRead = await SessionReadOfThirdGetAsync(client, "/Settings/Sessions");
        Assert.Contains("\"Bio\"", sessionRead);

        // A kept profile page answers without an AppUser (ISessionAccountNotNeeded): only the columns the store judges by.
        sessionRead = await SessionReadOfThirdGetAsync(client, "/Settings/Profile");
        Assert.DoesNotContain("\"Bio\"", sessionRead);
        Assert.Contains("\"DisabledAt\"", sessionRead);
    }

    private async Task<string> SessionReadOfThirdGetAsync(HttpClient client, string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var before = factory.Commands;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
        var first = factory.CommandTextsSince(before)[0];
        Assert.Contains("UserSessions", first);
        return first;
    }

    [Fact]
    public async Task SignedInRequests_TheConnectionTheSessionReadOpens_IsClosedWhenTheRequestEnds()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);

        // Lease every context the pool holds now: none may come back with a connection still open.
        var scopes = Enumerable.Range(0, 16).Select(_ => factory.Services.CreateAsyncScope()).ToList();
        try
        {
            foreach (var scope in scopes)
            {
                var db = scope.ServiceProvider.GetRequiredService<ProfilePortal.Web.Data.AppDbContext>();
                Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);
            }
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }
}
