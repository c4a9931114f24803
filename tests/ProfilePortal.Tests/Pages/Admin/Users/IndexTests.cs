using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Admin/Users";

    /// <summary>A last name no other test uses, so searches see only this test's people.</summary>
    private static string UniqueLastName() => "Zq" + Guid.NewGuid().ToString("N")[..8];

    private async Task<HttpClient> AdminAsync() => await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

    private static List<string> Names(HtmlPage page)
        => page.Document.QuerySelectorAll("[data-testid='users'] tbody tr td:first-child a").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Get_NamePrefixInAnyCase_FindsByFirstNameFullNameAndLastName()
    {
        var last = UniqueLastName();
        await factory.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = last; });
        await factory.CreateUserAsync(u => { u.FirstName = "Alan"; u.LastName = last; });
        var admin = await AdminAsync();

        var byLast = await admin.GetPageAsync($"{Url}?q={last.ToLowerInvariant()[..6]}");
        var byFull = await admin.GetPageAsync($"{Url}?q=GRACE%20{last.ToUpperInvariant()}");

        Assert.Equal([$"Alan {last}", $"Grace {last}"], Names(byLast));
        Assert.Equal([$"Grace {last}"], Names(byFull));
        Assert.Contains("1–2 of 2 people", byLast.Text("[data-testid='result-count']"));
    }

    [Fact]
    public async Task Get_EmailOrUsernamePrefix_FindsThePerson()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var person = await factory.CreateUserAsync(u => { u.Email = $"Mixed.{tag}@Example.test"; u.UserName = $"handle{tag}"; });
        var admin = await AdminAsync();

        var byEmail = await admin.GetPageAsync($"{Url}?q=mixed.{tag}@EXAMPLE");
        var byUserName = await admin.GetPageAsync($"{Url}?q=HANDLE{tag}");
        var byMiddle = await admin.GetPageAsync($"{Url}?q={tag}@example");

        Assert.Single(byEmail.Document.QuerySelectorAll($"tr[data-user-id='{person.Id}']"));
        Assert.Single(byUserName.Document.QuerySelectorAll($"tr[data-user-id='{person.Id}']"));
        Assert.Empty(byMiddle.Document.QuerySelectorAll($"tr[data-user-id='{person.Id}']"));
        Assert.Equal("No people match.", byMiddle.Text("[data-testid='result-count']"));
    }

    [Fact]
    public async Task Get_StatusFilter_SeparatesActiveLockedAndDisabled()
    {
        var last = UniqueLastName();
        var active = await factory.CreateUserAsync(u => { u.FirstName = "Active"; u.LastName = last; });
        var locked = await factory.CreateUserAsync(u => { u.FirstName = "Locked"; u.LastName = last; u.LockoutEnd = DateTimeOffset.UtcNow.AddDays(1); });
        var expired = await factory.CreateUserAsync(u => { u.FirstName = "Expired"; u.LastName = last; u.LockoutEnd = DateTimeOffset.UtcNow.AddDays(-1); });
        var disabled = await factory.CreateUserAsync(u => { u.FirstName = "Disabled"; u.LastName = last; u.DisabledAt = DateTime.UtcNow; });
        var admin = await AdminAsync();

        Assert.Equal([$"Active {last}", $"Expired {last}"], Names(await admin.GetPageAsync($"{Url}?q={last}&status=Active")));
        Assert.Equal([$"Locked {last}"], Names(await admin.GetPageAsync($"{Url}?q={last}&status=Locked")));
        Assert.Equal([$"Disabled {last}"], Names(await admin.GetPageAsync($"{Url}?q={last}&status=Disabled")));
        var all = await admin.GetPageAsync($"{Url}?q={last}");
        Assert.Equal(4, Names(all).Count);
        Assert.Equal("LOCKED", all.Text($"tr[data-user-id='{locked.Id}'] [data-testid='user-status']"));
        Assert.Equal("DISABLED", all.Text($"tr[data-user-id='{disabled.Id}'] [data-testid='user-status']"));
        Assert.Equal("ACTIVE", all.Text($"tr[data-user-id='{active.Id}'] [data-testid='user-status']"));
        Assert.Equal("ACTIVE", all.Text($"tr[data-user-id='{expired.Id}'] [data-testid='user-status']"));
    }

    [Fact]
    public async Task Get_RoleAndDepartmentFilters_NarrowTheList()
    {
        var last = UniqueLastName();
        var (orgId, salesId, supportId) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var org = new Organization { Id = Guid.NewGuid(), Name = "Org " + last, CreatedAt = DateTime.UtcNow };
            var sales = new Department { Id = Guid.NewGuid(), Name = "Sales" };
            var support = new Department { Id = Guid.NewGuid(), Name = "Support" };
            org.Departments.AddRange([sales, support]);
            db.Organizations.Add(org);
            await db.SaveChangesAsync();
            return (org.Id, sales.Id, support.Id);
        });
        await factory.CreateUserAsync(u => { u.FirstName = "Sally"; u.LastName = last; u.OrganizationId = orgId; u.DepartmentId = salesId; }, Roles.BillingAdmin);
        await factory.CreateUserAsync(u => { u.FirstName = "Sam"; u.LastName = last; u.OrganizationId = orgId; u.DepartmentId = supportId; }, Roles.Member);
        var billingRole = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Name == Roles.BillingAdmin).Select(r => r.Id).SingleAsync());
        var admin = await AdminAsync();

        var byDepartment = await admin.GetPageAsync($"{Url}?q={last}&department={supportId}");
        var byRole = await admin.GetPageAsync($"{Url}?q={last}&role={billingRole}");
        var everyone = await admin.GetPageAsync($"{Url}?department={salesId}");

        Assert.Equal([$"Sam {last}"], Names(byDepartment));
        Assert.Equal([$"Sally {last}"], Names(byRole));
        Assert.Contains("Billing admin", byRole.Text($"[data-testid='users'] tbody tr"));
        Assert.Equal([$"Sally {last}"], Names(everyone));
    }

    [Fact]
    public async Task Get_SortAndPaging_OrderAllPagesWithACount()
    {
        var last = UniqueLastName();
        var firstNames = Enumerable.Range(0, 30).Select(i => $"P{i:D2}").ToList();
        foreach (var first in firstNames)
            await factory.CreateUserAsync(u => { u.FirstName = first; u.LastName = last; });
        var admin = await AdminAsync();

        var page1 = await admin.GetPageAsync($"{Url}?q={last}");
        var page2 = await admin.GetPageAsync($"{Url}?q={last}&pageNumber=2");
        var descending = await admin.GetPageAsync($"{Url}?q={last}&sort=NameDescending");
        var beyond = await admin.GetPageAsync($"{Url}?q={last}&pageNumber=99");

        Assert.Equal(firstNames.Take(25).Select(f => $"{f} {last}"), Names(page1));
        Assert.Equal(firstNames.Skip(25).Select(f => $"{f} {last}"), Names(page2));
        Assert.Contains("1–25 of 30 people", page1.Text("[data-testid='result-count']"));
        Assert.Contains("26–30 of 30 people", page2.Text("[data-testid='result-count']"));
        Assert.Equal($"P29 {last}", Names(descending)[0]);
        Assert.Equal(Names(page2), Names(beyond));
        var next = page1.Document.QuerySelector("a[rel='next']")!.GetAttribute("href")!;
        Assert.Contains("pageNumber=2", next);
        Assert.Contains($"q={last}", next);
    }

    [Fact]
    public async Task Get_EditedQuery_IsIgnoredNotAnError()
    {
        var admin = await AdminAsync();

        var page = await admin.GetPageAsync($"{Url}?status=Bogus&sort=999&pageNumber=-4&q={new string('x', 600)}");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
    }
}
