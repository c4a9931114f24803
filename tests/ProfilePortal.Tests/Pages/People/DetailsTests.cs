using System.Globalization;
using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.People;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Pages.People;

/// <summary>SPEC 2.8a: a person's card, with what they chose to show; 404 for anyone who may not see them.</summary>
public class DetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(TestUser person) => $"/People/{person.Id}";

    private Task<TestUser> PersonAsync(TestOrganization organization, PeopleCardFields hidden = PeopleCardFields.None) => factory.CreateUserAsync(u =>
    {
        u.FirstName = "Grace";
        u.LastName = "Hopper";
        u.Title = "Rear admiral";
        u.Bio = "Wrote the first compiler.\nLikes nanoseconds.";
        u.TimeZoneId = "Asia/Tokyo";
        u.OrganizationId = organization.Id;
        u.DepartmentId = organization.Departments["Engineering"];
        u.HiddenPeopleCardFields = hidden;
    });

    [Fact]
    public async Task Get_Colleague_ShowsTheCard()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var person = await PersonAsync(organization);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));

        var page = await colleague.GetPageAsync(Url(person));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Grace Hopper", page.Text("[data-testid='person-name']"));
        Assert.Equal("Rear admiral", page.Text("[data-testid='person-title']"));
        Assert.Equal("Engineering", page.Text("[data-testid='person-department']"));
        Assert.Equal(organization.Name, page.Text("[data-testid='person-organization']"));
        Assert.Equal("Wrote the first compiler.\nLikes nanoseconds.", page.Text("[data-testid='person-bio']"));
        Assert.EndsWith("(Asia/Tokyo)", page.Text("[data-testid='person-local-time']"));
        Assert.NotNull(page.Document.QuerySelector("[data-testid='person-card'] .avatar-with-status .status-dot"));
        Assert.Null(page.Document.QuerySelector("[data-testid='hidden-note']"));
        Assert.Null(page.Document.QuerySelector("[data-testid='admin-link']"));
        Assert.Contains("Grace Hopper", page.Document.Title);
    }

    [Fact]
    public async Task Get_LocalTime_InThePersonsZoneFormattedForTheViewersLanguage()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var person = await PersonAsync(organization);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        colleague.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");

        var page = await colleague.GetPageAsync(Url(person));

        var tokyo = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        Assert.Equal(tokyo.ToString("f", CultureInfo.GetCultureInfo("de")) + " (Asia/Tokyo)", page.Text("[data-testid='person-local-time']"));
    }

    [Fact]
    public async Task Get_OtherOrganizationOrNone_Is404LikeAnUnknownId()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var person = await PersonAsync(organization);
        var otherOrganization = await factory.CreateOrganizationAsync();
        var stranger = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = otherOrganization.Id));
        var loner = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = null));

        foreach (var client in new[] { stranger, loner })
        {
            var response = await client.GetAsync(Url(person));
            var unknown = await client.GetAsync($"/People/{Guid.NewGuid()}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(unknown.StatusCode, response.StatusCode);
            Assert.DoesNotContain("Hopper", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Get_WithoutOrganization_OnlyMyOwnCardOpens()
    {
        var me = await factory.CreateUserAsync(u => { u.OrganizationId = null; u.FirstName = "Lone"; });
        var other = await factory.CreateUserAsync(u => u.OrganizationId = null);
        var client = await factory.SignedInClientAsync(me);

        var own = await client.GetPageAsync($"/People/{me.Id}");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal("Lone Lovelace", own.Text("[data-testid='person-name']"));
        Assert.Null(own.Document.QuerySelector("[data-testid='person-organization']"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/People/{other.Id}")).StatusCode);
    }

    [Fact]
    public async Task Get_Administrator_OpensAnyoneWithALinkToAdministration()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var person = await PersonAsync(organization, PeopleCardFields.Bio);
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = null, Roles.Administrator));

        var page = await admin.GetPageAsync(Url(person));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"/Admin/Users/{person.Id}", page.Document.QuerySelector("[data-testid='admin-link']")!.GetAttribute("href"));
        Assert.Equal("Hidden from colleagues: Bio.", page.Text("[data-testid='hidden-note']"));
    }

    [Fact]
    public async Task Get_HiddenFields_HiddenFromColleaguesShownToAdministratorsAndSelf()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        const PeopleCardFields all = PeopleCardFields.Title | PeopleCardFields.Department | PeopleCardFields.Bio | PeopleCardFields.LocalTime;
        var person = await PersonAsync(organization, all);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id, Roles.Administrator));
        var self = await factory.SignedInClientAsync(person);

        var asColleague = await colleague.GetPageAsync(Url(person));
        var asAdmin = await admin.GetPageAsync(Url(person));
        var asSelf = await self.GetPageAsync(Url(person));

        Assert.Equal("Grace Hopper", asColleague.Text("[data-testid='person-name']"));
        Assert.Equal(organization.Name, asColleague.Text("[data-testid='person-organization']"));
        var colleagueSees = asColleague.Text("[data-testid='person-card']");
        foreach (var secret in new[] { "Rear admiral", "Engineering", "compiler", "Asia/Tokyo" }) Assert.DoesNotContain(secret, colleagueSees);
        Assert.Null(asColleague.Document.QuerySelector("[data-testid='hidden-note']"));
        foreach (var page in new[] { asAdmin, asSelf })
        {
            Assert.Equal("Rear admiral", page.Text("[data-testid='person-title']"));
            Assert.Equal("Engineering", page.Text("[data-testid='person-department']"));
            Assert.Contains("compiler", page.Text("[data-testid='person-bio']"));
            Assert.EndsWith("(Asia/Tokyo)", page.Text("[data-testid='person-local-time']"));
        }
        Assert.Equal("Your colleagues do not see: Title, Department, Bio, Local time. Administrators see everything.", asSelf.Text("[data-testid='hidden-note']"));
        Assert.Null(asSelf.Document.QuerySelector("[data-testid='admin-link']"));
    }

    [Fact]
    public async Task Get_DisabledOrPendingDeletion_404ForColleaguesButAdministratorsOpen()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var disabled = await factory.CreateUserAsync(u => { u.OrganizationId = organization.Id; u.DisabledAt = DateTime.UtcNow; });
        var leaving = await factory.CreateUserAsync(u => { u.OrganizationId = organization.Id; u.DeletionRequestedAt = DateTime.UtcNow; });
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization.Id));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        foreach (var person in new[] { disabled, leaving })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(Url(person))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(Url(person))).StatusCode);
        }
        // Someone waiting for their deletion can still sign in and sees their own card.
        Assert.Equal(HttpStatusCode.OK, (await (await factory.SignedInClientAsync(leaving)).GetAsync(Url(leaving))).StatusCode);
    }

    [Fact]
    public async Task Get_Anonymous_GoesToSignIn()
    {
        var organization = await factory.CreateOrganizationAsync("Engineering");
        var person = await PersonAsync(organization);

        var response = await factory.CreateBrowserClient().GetAsync(Url(person));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }
}
