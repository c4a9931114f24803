using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.People;

public sealed class PeopleJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Colleague_FindsAPersonByNameAndOpensTheirCard()
    {
        var organization = await browser.Portal.CreateOrganizationAsync("Engineering");
        var last = "Quill" + Guid.NewGuid().ToString("N")[..6];
        await browser.CreateUserAsync(u =>
        {
            u.FirstName = "Hedy"; u.LastName = last; u.Title = "Inventor"; u.TimeZoneId = "Europe/Vienna";
            u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Engineering"];
        });
        var me = await browser.CreateUserAsync(u => u.OrganizationId = organization.Id);
        await using var session = await browser.SignedInAsync(me);
        var people = await PeoplePage.OpenAsync(session.Page);

        await people.SearchAsync($"{last.ToLowerInvariant()} hed");

        await Expect(people.ResultCount).ToHaveTextAsync("1–1 of 1 people");
        await Expect(people.People).ToHaveCountAsync(1);
        var card = await people.OpenPersonAsync($"Hedy {last}");
        await Expect(card.Name).ToHaveTextAsync($"Hedy {last}");
        await Expect(card.Title).ToHaveTextAsync("Inventor");
        await Expect(card.Department).ToHaveTextAsync("Engineering");
        await Expect(card.LocalTime).ToContainTextAsync("(Europe/Vienna)");
        await Expect(card.Status).ToHaveAttributeAsync("data-status", "Offline");
    }
}
