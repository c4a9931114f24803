using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class DetailsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(TestUser person) => $"/Admin/Users/{person.Id}";

    private Task<Guid> RoleIdAsync(string name)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

    [Fact]
    public async Task Get_ShowsProfileAccountAndTheirSecurityLogWithTheAdministrator()
    {
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; }, Roles.Administrator);
        var person = await factory.CreateUserAsync(u => u.Title = "Analyst");
        await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(admin);
        var confirm = await client.GetPageAsync($"{Url(person)}/EndSessions");
        await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"{Url(person)}/EndSessions");

        var page = await client.GetPageAsync(Url(person));

        Assert.Equal("Ada Lovelace", page.Text("[data-testid='person-name']"));
        Assert.Equal(person.Email, page.Text("[data-testid='person-email']"));
        Assert.Contains("Analyst", page.Text("main"));
        var log = page.Document.QuerySelectorAll("[data-testid='person-security-log'] tbody tr");
        Assert.Contains(log, r => r.GetAttribute("data-event-type") == nameof(SecurityEventType.SessionsEndedByAdmin) && r.TextContent.Contains("Root Admin", StringComparison.Ordinal));
        Assert.Contains(log, r => r.GetAttribute("data-event-type") == nameof(SecurityEventType.SignInSucceeded));
    }

    [Fact]
    public async Task Get_EventsByProvisioning_NameTheTokenAsTheActor()
    {
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; }, Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var name = "Microsoft Entra ID " + Guid.NewGuid().ToString("N")[..6];
        var token = await factory.CreateProvisioningTokenAsync(name);
        await factory.RecordSecurityEventAsync(person.Id, SecurityEventType.AccountDisabled, "0 sessions ended", token.Token.Id);
        await factory.RecordSecurityEventAsync(person.Id, SecurityEventType.AccountEnabled, actorId: admin.Id);
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.GetPageAsync(Url(person));

        var log = page.Document.QuerySelectorAll("[data-testid='person-security-log'] tbody tr").ToList();
        var disabled = Assert.Single(log, r => r.GetAttribute("data-event-type") == nameof(SecurityEventType.AccountDisabled));
        Assert.Equal($"Provisioning: {name}", disabled.QuerySelector("[data-testid='actor']")!.TextContent.Trim());
        Assert.Contains("Account disabled by provisioning", disabled.TextContent);
        var enabled = Assert.Single(log, r => r.GetAttribute("data-event-type") == nameof(SecurityEventType.AccountEnabled));
        Assert.Equal("Root Admin", enabled.QuerySelector("[data-testid='actor']")!.TextContent.Trim());
        Assert.Contains("Account enabled by an administrator", enabled.TextContent);
    }

    [Fact]
    public async Task PostRole_Promotion_TakesEffectOnThePersonsNextRequestAndIsAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync(role: Roles.Member);
        var theirBrowser = await factory.SignedInClientAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await theirBrowser.GetAsync("/Admin/Users")).StatusCode);
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.RoleId"] = (await RoleIdAsync(Roles.Administrator)).ToString() }));

        Assert.Equal("Ada Lovelace now has the role Administrator.", page.StatusMessage);
        // Their session's claims are rebuilt because the account changed: no new sign-in needed.
        Assert.Equal(HttpStatusCode.OK, (await theirBrowser.GetAsync("/Admin/Users")).StatusCode);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.RoleChanged, SecurityEventType.RoleChanged);
        Assert.Equal("Member → Administrator", (await factory.AuditOfAsync(person.Id)).Single().Detail);
    }

    [Fact]
    public async Task PostRole_Demotion_AsksForConfirmationThenTheirAdminPagesStopAtOnce()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var other = await factory.CreateUserAsync(role: Roles.Administrator);
        var theirBrowser = await factory.SignedInClientAsync(other);
        Assert.Equal(HttpStatusCode.OK, (await theirBrowser.GetAsync("/Admin/Users")).StatusCode);
        var client = await factory.SignedInClientAsync(admin);
        var member = (await RoleIdAsync(Roles.Member)).ToString();

        var confirm = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(other), new Dictionary<string, string> { ["Input.RoleId"] = member }));

        Assert.Contains("Take administration away from Ada Lovelace?", confirm.Text("[data-testid='confirm-demotion']"));
        Assert.Equal([Roles.Administrator], await RolesOfAsync(other.Id));

        var done = await client.FollowAsync(await client.PostFormAsync(confirm.FormWithHandler("Role"), new Dictionary<string, string>(), Url(other)));

        Assert.Equal("Ada Lovelace now has the role Member.", done.StatusMessage);
        Assert.Equal([Roles.Member], await RolesOfAsync(other.Id));
        var next = await theirBrowser.GetAsync("/Admin/Users");
        Assert.Contains("/Account/AccessDenied", next.Headers.Location!.ToString());
        await factory.AssertAuditedAsync(other.Id, admin.Id, AdminAction.RoleChanged, SecurityEventType.RoleChanged);
    }

    [Fact]
    public async Task PostMembership_DepartmentSetsItsOrganizationAndAForeignPairIsRefused()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var (orgA, deptA, orgB) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var a = new Organization { Id = Guid.NewGuid(), Name = "A " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
            var dept = new Department { Id = Guid.NewGuid(), Name = "Research" };
            a.Departments.Add(dept);
            var b = new Organization { Id = Guid.NewGuid(), Name = "B " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
            db.Organizations.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, dept.Id, b.Id);
        });
        var client = await factory.SignedInClientAsync(admin);

        var refused = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.OrganizationId"] = orgB.ToString(), ["Input.DepartmentId"] = deptA.ToString() }));
        Assert.Equal("This department belongs to another organization.", refused.FieldError("Input.DepartmentId"));
        Assert.Null((await factory.LoadUserAsync(person.Id)).DepartmentId);

        var page = await client.FollowAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.OrganizationId"] = "", ["Input.DepartmentId"] = deptA.ToString() }));

        Assert.Equal("The organization and department of Ada Lovelace are saved.", page.StatusMessage);
        var stored = await factory.LoadUserAsync(person.Id);
        Assert.Equal(orgA, stored.OrganizationId);
        Assert.Equal(deptA, stored.DepartmentId);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.MembershipChanged, SecurityEventType.MembershipChanged);
    }

    private Task<List<string>> RolesOfAsync(Guid userId)
        => factory.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        });
}
