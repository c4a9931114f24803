using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.Presence;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Pages.People;

/// <summary>SPEC 2.8a: the People list shows the viewer's organization only (administrators may pick another).</summary>
public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/People";

    /// <summary>A last name no other test uses, so searches see only this test's people.</summary>
    private static string UniqueLastName() => "Zp" + Guid.NewGuid().ToString("N")[..8];

    private static List<string> Names(HtmlPage page)
        => page.Document.QuerySelectorAll("[data-testid='people'] [data-testid='person-name']").Select(a => a.TextContent.Trim()).ToList();

    private static List<string> Ids(HtmlPage page)
        => page.Document.QuerySelectorAll("[data-testid='people'] li").Select(li => li.GetAttribute("data-person-id")!).ToList();

    [Fact]
    public async Task Get_Member_ListsTheOwnOrganizationOnly()
    {
        var mine = await factory.CreateOrganizationAsync();
        var theirs = await factory.CreateOrganizationAsync();
        var me = await factory.CreateUserAsync(u => { u.FirstName = "Mia"; u.OrganizationId = mine.Id; });
        var colleague = await factory.CreateUserAsync(u => { u.FirstName = "Carl"; u.OrganizationId = mine.Id; });
        var stranger = await factory.CreateUserAsync(u => { u.FirstName = "Stan"; u.OrganizationId = theirs.Id; });
        var loner = await factory.CreateUserAsync(u => u.OrganizationId = null);
        var client = await factory.SignedInClientAsync(me);

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([colleague.Id.ToString(), me.Id.ToString()], Ids(page));
        Assert.Equal($"The people of {mine.Name}.", page.Text("[data-testid='organization']"));
        Assert.Equal("1–2 of 2 people", page.Text("[data-testid='result-count']"));
        Assert.Contains($"/People/{colleague.Id}", page.Document.QuerySelector($"li[data-person-id='{colleague.Id}'] a")!.GetAttribute("href"));
        Assert.DoesNotContain(stranger.Id.ToString(), page.Document.Body!.InnerHtml);
        Assert.DoesNotContain(loner.Id.ToString(), page.Document.Body!.InnerHtml);
    }

    [Fact]
    public async Task Get_WithoutOrganization_ListsOnlyMyself()
    {
        var me = await factory.CreateUserAsync(u => u.OrganizationId = null);
        await factory.CreateUserAsync(u => u.OrganizationId = null);
        var client = await factory.SignedInClientAsync(me);

        var page = await client.GetPageAsync(Url);

        Assert.Equal([me.Id.ToString()], Ids(page));
        Assert.Equal("You are not in an organization, so you see only yourself.", page.Text("[data-testid='organization']"));
        Assert.Null(page.Document.QuerySelector("select#department"));
    }

    [Fact]
    public async Task Get_NamePrefixInAnyCase_FindsFirstLastAndLastFirst()
    {
        var organization = await factory.CreateOrganizationAsync();
        var last = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = last; u.OrganizationId = organization.Id; });
        await factory.CreateUserAsync(u => { u.FirstName = "Alan"; u.LastName = last; u.OrganizationId = organization.Id; });
        await factory.CreateUserAsync(u => { u.FirstName = "Gracie"; u.LastName = "Other" + last; u.OrganizationId = organization.Id; });
        var outside = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = last; u.OrganizationId = (Guid?)null; u.Email = $"{outside}@example.test"; });
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));

        var byLast = await client.GetPageAsync($"{Url}?q={last.ToLowerInvariant()[..6]}");
        var byFirstLast = await client.GetPageAsync($"{Url}?q=grace%20{last.ToUpperInvariant()}");
        var byLastFirst = await client.GetPageAsync($"{Url}?q={last}%20al");
        var byMiddle = await client.GetPageAsync($"{Url}?q={last[2..]}");

        Assert.Equal([$"Alan {last}", $"Grace {last}"], Names(byLast));
        Assert.Equal([$"Grace {last}"], Names(byFirstLast));
        Assert.Equal([$"Alan {last}"], Names(byLastFirst));
        Assert.Empty(Names(byMiddle));
        Assert.Equal("No people match.", byMiddle.Text("[data-testid='result-count']"));
        Assert.Equal(last.ToLowerInvariant()[..6], byLast.Value("q"));
    }

    [Fact]
    public async Task Get_DepartmentFilter_ListsThatDepartmentButNotWhoHidesIt()
    {
        var organization = await factory.CreateOrganizationAsync("Sales", "Support");
        var last = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Sally"; u.LastName = last; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Sales"]; });
        await factory.CreateUserAsync(u => { u.FirstName = "Sam"; u.LastName = last; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Support"]; });
        await factory.CreateUserAsync(u =>
        {
            u.FirstName = "Shy"; u.LastName = last; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Support"];
            u.HiddenPeopleCardFields = PeopleCardFields.Department;
        });
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id, Roles.Administrator));

        var page = await member.GetPageAsync($"{Url}?department={organization.Departments["Support"]}");
        var withTerm = await member.GetPageAsync($"{Url}?q={last}&department={organization.Departments["Sales"]}");
        var asAdmin = await admin.GetPageAsync($"{Url}?q={last}&department={organization.Departments["Support"]}");

        Assert.Equal([$"Sam {last}"], Names(page));
        Assert.Equal("1–1 of 1 people", page.Text("[data-testid='result-count']"));
        Assert.Equal("Support", page.Text("[data-testid='people'] [data-testid='person-department']"));
        Assert.Equal(organization.Departments["Support"].ToString(), page.Value("department"));
        Assert.Equal(["Any department", "Sales", "Support"], page.Document.QuerySelectorAll("select#department option").Select(o => o.TextContent.Trim()));
        Assert.Equal([$"Sally {last}"], Names(withTerm));
        Assert.Equal([$"Sam {last}", $"Shy {last}"], Names(asAdmin));
    }

    [Fact]
    public async Task Get_Paging_SortedByNameWithLinksThatWorkWithoutJavaScript()
    {
        var organization = await factory.CreateOrganizationAsync();
        var last = UniqueLastName();
        var firstNames = Enumerable.Range(0, 30).Select(i => $"P{i:D2}").ToList();
        foreach (var first in firstNames.AsEnumerable().Reverse())
            await factory.CreateUserAsync(u => { u.FirstName = first; u.LastName = last; u.OrganizationId = organization.Id; });
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));

        var page1 = await client.GetPageAsync($"{Url}?q={last}");
        var next = page1.Document.QuerySelector("a[rel='next']")!.GetAttribute("href")!;
        var page2 = await client.GetPageAsync(next);
        var beyond = await client.GetPageAsync($"{Url}?q={last}&pageNumber=99");

        Assert.Equal(firstNames.Take(25).Select(f => $"{f} {last}"), Names(page1));
        Assert.Equal("1–25 of 30 people", page1.Text("[data-testid='result-count']"));
        Assert.Contains($"q={last}", next);
        Assert.Equal(firstNames.Skip(25).Select(f => $"{f} {last}"), Names(page2));
        Assert.Equal("26–30 of 30 people", page2.Text("[data-testid='result-count']"));
        Assert.Null(page2.Document.QuerySelector("a[rel='next']"));
        Assert.NotNull(page2.Document.QuerySelector("a[rel='prev']"));
        Assert.Equal(Names(page2), Names(beyond));
    }

    [Fact]
    public async Task Get_DisabledAndPendingDeletion_AreNotListed()
    {
        var organization = await factory.CreateOrganizationAsync();
        var last = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Active"; u.LastName = last; u.OrganizationId = organization.Id; });
        await factory.CreateUserAsync(u => { u.FirstName = "Disabled"; u.LastName = last; u.OrganizationId = organization.Id; u.DisabledAt = DateTime.UtcNow; });
        await factory.CreateUserAsync(u => { u.FirstName = "Leaving"; u.LastName = last; u.OrganizationId = organization.Id; u.DeletionRequestedAt = DateTime.UtcNow; });
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id, Roles.Administrator));

        Assert.Equal([$"Active {last}"], Names(await member.GetPageAsync($"{Url}?q={last}")));
        Assert.Equal([$"Active {last}"], Names(await admin.GetPageAsync($"{Url}?q={last}")));
        // Without a search the count is taken apart from the list: it leaves them out too.
        var whole = await member.GetPageAsync(Url);
        Assert.Equal(3, Ids(whole).Count);
        Assert.Equal("1–3 of 3 people", whole.Text("[data-testid='result-count']"));
        // Administrators find them in Admin.
        Assert.Equal(3, (await admin.GetPageAsync($"/Admin/Users?q={last}")).Document.QuerySelectorAll("[data-testid='users'] tbody tr").Length);
    }

    [Fact]
    public async Task Get_Administrator_PicksAnotherOrganization_AMemberCannot()
    {
        var mine = await factory.CreateOrganizationAsync();
        var theirs = await factory.CreateOrganizationAsync("Research");
        var last = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Mine"; u.LastName = last; u.OrganizationId = mine.Id; });
        await factory.CreateUserAsync(u => { u.FirstName = "Theirs"; u.LastName = last; u.OrganizationId = theirs.Id; u.DepartmentId = theirs.Departments["Research"]; });
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = mine.Id, Roles.Administrator));
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = mine.Id));

        var own = await admin.GetPageAsync($"{Url}?q={last}");
        var picked = await admin.GetPageAsync($"{Url}?q={last}&organization={theirs.Id}");
        var memberTries = await member.GetPageAsync($"{Url}?q={last}&organization={theirs.Id}");

        Assert.Equal([$"Mine {last}"], Names(own));
        Assert.Equal(mine.Id.ToString(), own.Value("organization"));
        Assert.Equal([$"Theirs {last}"], Names(picked));
        Assert.Equal(theirs.Id.ToString(), picked.Value("organization"));
        Assert.Equal($"The people of {theirs.Name}.", picked.Text("[data-testid='organization']"));
        Assert.Equal("Research", picked.Text("[data-testid='person-department']"));
        Assert.Equal([$"Mine {last}"], Names(memberTries));
        Assert.Null(memberTries.Document.QuerySelector("select#organization"));
    }

    [Fact]
    public async Task Get_HiddenTitleAndDepartment_HiddenFromColleaguesShownToAdministratorsAndSelf()
    {
        var organization = await factory.CreateOrganizationAsync("Finance");
        var last = UniqueLastName();
        var shy = await factory.CreateUserAsync(u =>
        {
            u.FirstName = "Shy"; u.LastName = last; u.Title = "Treasurer"; u.OrganizationId = organization.Id; u.DepartmentId = organization.Departments["Finance"];
            u.HiddenPeopleCardFields = PeopleCardFields.Title | PeopleCardFields.Department;
        });
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id, Roles.Administrator));
        var self = await factory.SignedInClientAsync(shy);
        var row = $"li[data-person-id='{shy.Id}']";

        var asMember = await member.GetPageAsync($"{Url}?q={last}");
        var asAdmin = await admin.GetPageAsync($"{Url}?q={last}");
        var asSelf = await self.GetPageAsync($"{Url}?q={last}");

        Assert.Equal($"Shy {last}", asMember.Text($"{row} [data-testid='person-name']"));
        Assert.DoesNotContain("Treasurer", asMember.Text(row));
        Assert.DoesNotContain("Finance", asMember.Text(row));
        foreach (var page in new[] { asAdmin, asSelf })
        {
            Assert.Equal("Treasurer", page.Text($"{row} [data-testid='person-title']"));
            Assert.Equal("Finance", page.Text($"{row} [data-testid='person-department']"));
        }
    }

    [Fact]
    public async Task Get_StatusDots_ShowWhatOthersSee()
    {
        var organization = await factory.CreateOrganizationAsync();
        var last = UniqueLastName();
        var online = await factory.CreateUserAsync(u => { u.FirstName = "Online"; u.LastName = last; u.OrganizationId = organization.Id; });
        var hiding = await factory.CreateUserAsync(u => { u.FirstName = "Hiding"; u.LastName = last; u.OrganizationId = organization.Id; u.ActivityStatus = ActivityStatus.AppearOffline; });
        var busy = await factory.CreateUserAsync(u => { u.FirstName = "Busy"; u.LastName = last; u.OrganizationId = organization.Id; u.ActivityStatus = ActivityStatus.Busy; });
        var signedOut = await factory.CreateUserAsync(u => { u.FirstName = "Signed-out"; u.LastName = last; u.OrganizationId = organization.Id; });
        foreach (var person in new[] { online, hiding, busy }) await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));

        var page = await client.GetPageAsync($"{Url}?q={last}");

        string Dot(TestUser person) => page.Document.QuerySelector($"li[data-person-id='{person.Id}'] .avatar-with-status .status-dot")!.GetAttribute("data-status")!;
        Assert.Equal(nameof(ShownStatus.Online), Dot(online));
        Assert.Equal(nameof(ShownStatus.Offline), Dot(hiding));
        Assert.Equal(nameof(ShownStatus.Busy), Dot(busy));
        Assert.Equal(nameof(ShownStatus.Offline), Dot(signedOut));
        Assert.Equal("Online", page.Text($"li[data-person-id='{online.Id}'] .status-dot .visually-hidden"));
    }

    [Fact]
    public async Task Get_SearchForm_IsAGetFormWithALabelForEveryField()
    {
        var organization = await factory.CreateOrganizationAsync("Sales");
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id, Roles.Administrator));

        var page = await admin.GetPageAsync(Url);

        var form = page.Document.QuerySelector("main form[role='search']")!;
        Assert.Equal("get", form.GetAttribute("method"));
        var fields = form.QuerySelectorAll("input:not([type='hidden']), select").ToList();
        Assert.Equal(["organization", "q", "department"], fields.Select(f => f.GetAttribute("name")));
        Assert.All(fields, f => Assert.NotNull(form.QuerySelector($"label[for='{f.Id}']")));
    }
}
