using System.Net;
using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Pages.People;

/// <summary>The People list reads a page and a count, and the status dots of a page in one query: never one per row.</summary>
public class QueryCostTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    [Fact]
    public async Task GetPeople_AFullPage_CostsTheSameQueriesAsAFewPeople()
    {
        var small = await QueriesForAListOfAsync(2);
        var full = await QueriesForAListOfAsync(30);

        Assert.Equal(small, full);
        // The session, the viewer's organization, its departments, the count, the page, the status dots.
        Assert.Equal(6, full);
    }

    private async Task<int> QueriesForAListOfAsync(int colleagues)
    {
        var organization = await factory.CreateOrganizationAsync("Sales");
        for (var i = 0; i < colleagues; i++)
        {
            var colleague = await factory.CreateUserAsync(u => u.OrganizationId = organization.Id);
            if (i % 2 == 0) await factory.SignedInClientAsync(colleague);
        }
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        // The first requests after sign-in may write (last activity, claims rebuilt after the sign-in's own updates).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/People")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/People")).StatusCode);

        var before = factory.Commands;
        var page = await client.GetPageAsync("/People");
        var commands = factory.Commands - before;
        Assert.Equal(Math.Min(colleagues + 1, 25), page.Document.QuerySelectorAll("[data-testid='people'] li").Length);
        return commands;
    }
}
