using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Seeding;

namespace ProfilePortal.Tests.Features.Seeding;

public sealed class DemoSeedFactory : PortalFactory
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Demo!Passw0rd";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:AdminEmail"] = AdminEmail,
        ["Seed:AdminPassword"] = AdminPassword,
        ["Seed:Demo"] = "true",
    };
}

public class DatabaseSeederTests(DemoSeedFactory factory) : IClassFixture<DemoSeedFactory>
{
    [Fact]
    public async Task Seed_EmptyDatabase_CreatesAdministratorWhoCanSignInWithUsersManage()
    {
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync(DemoSeedFactory.AdminEmail, DemoSeedFactory.AdminPassword);
        var profile = await client.GetPageAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Profile", response.Headers.Location!.ToString());
        var panel = profile.Text("[data-testid='account-panel']");
        Assert.Contains("Administrator", panel);
        Assert.Contains("users.manage", panel);
        Assert.Contains(DatabaseSeeder.DemoOrganizationName, panel);
    }

    [Fact]
    public async Task Seed_Roles_HaveTheirPermissionsAsRoleClaims()
    {
        var permissions = await factory.InScopeAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<AppRole>>();
            var result = new Dictionary<string, string[]>();
            foreach (var name in new[] { Roles.Administrator, Roles.BillingAdmin, Roles.Member })
            {
                var role = await roles.FindByNameAsync(name);
                result[name] = (await roles.GetClaimsAsync(role!)).Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).Order().ToArray();
            }

            return result;
        });

        Assert.Equal(["billing.view", "org.manage", "users.manage"], permissions[Roles.Administrator]);
        Assert.Equal(["billing.view"], permissions[Roles.BillingAdmin]);
        Assert.Empty(permissions[Roles.Member]);
    }

    [Fact]
    public async Task Seed_Demo_CreatesOrganizationDepartmentsAndAboutTwentyPeople()
    {
        var (departments, people) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var organization = await db.Organizations.Include(o => o.Departments).SingleAsync(o => o.Name == DatabaseSeeder.DemoOrganizationName);
            var count = await db.Users.CountAsync(u => u.OrganizationId == organization.Id);
            return (organization.Departments.Count, count);
        });

        Assert.Equal(DatabaseSeeder.DemoDepartments.Count, departments);
        Assert.Equal(DatabaseSeeder.DemoPeople + 1, people);
    }

    [Fact]
    public async Task Seed_Demo_PeopleHaveValidPhoneNumbersInE164()
    {
        var phones = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users
            .Where(u => u.PhoneNumber != null).Select(u => u.PhoneNumber!).ToListAsync());

        Assert.Equal(DatabaseSeeder.DemoPeople, phones.Count);
        // Valid for libphonenumber, so a demo person can save their profile without first fixing the number.
        Assert.All(phones, phone => Assert.Equal(phone, ProfilePortal.Web.Features.Profile.PhoneNumbers.Normalize(phone)));
    }

    [Fact]
    public async Task Seed_RunAgain_ChangesNothing()
    {
        async Task<(int Users, int Organizations, int RoleClaims)> CountAsync() => await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Users.CountAsync(), await db.Organizations.CountAsync(), await db.RoleClaims.CountAsync());
        });
        var before = await CountAsync();

        await factory.InScopeAsync(sp => sp.GetRequiredService<DatabaseSeeder>().SeedAsync(CancellationToken.None));

        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public void Seed_NeverLogsThePassword()
    {
        _ = factory.Services;
        Assert.Contains(factory.Logs.GetSnapshot(), r => r.Message.Contains("Created administrator", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(DemoSeedFactory.AdminPassword, StringComparison.Ordinal));
    }
}

/// <summary>
/// Two nodes started at the same moment on one new database: both seed, one after the other, so the demo data exists
/// once and neither start fails on a duplicate. Meaningful on PostgreSQL, where nodes share a server.
/// </summary>
public class SimultaneousSeedTests
{
    [Fact]
    public async Task TwoNodesStartTogether_OnANewDatabase_SeedOnceAndBothServe()
    {
        await using var first = new DemoSeedFactory();
        await using var second = new SecondNodeFactory(first);
        // Migrations take their own lock; the race is in the seeding that follows, so both start from one moment, on a
        // database that exists (a node that finds none would create it itself).
        first.CreateDatabase();
        var starts = new[] { first, (PortalFactory)second }.Select(node => Task.Run(() => node.Server));

        await Task.WhenAll(starts);

        var adminEmail = DemoSeedFactory.AdminEmail.ToUpperInvariant();
        var (organizations, administrators, people) = await first.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Organizations.CountAsync(o => o.Name == DatabaseSeeder.DemoOrganizationName),
                await db.Users.CountAsync(u => u.NormalizedEmail == adminEmail),
                await db.Users.CountAsync());
        });
        Assert.Equal(1, organizations);
        Assert.Equal(1, administrators);
        Assert.Equal(DatabaseSeeder.DemoPeople + 1, people);
        foreach (var node in new[] { first, (PortalFactory)second })
        {
            var response = await node.CreateBrowserClient().SignInAsync(DemoSeedFactory.AdminEmail, DemoSeedFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }
}
