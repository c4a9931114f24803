using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Seeding;

namespace ProfilePortal.Tests.Features.Seeding;

public sealed class DemoUsersSeedFactory : PortalFactory
{
    public const int Count = 2500;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Seed:DemoUsers"] = Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Seed:DemoPassword"] = TestUsers.DefaultPassword,
    };
}

public class DemoUsersSeedTests(DemoUsersSeedFactory factory) : IClassFixture<DemoUsersSeedFactory>
{
    private Task<int> BulkCountAsync()
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.CountAsync(u => u.UserName!.StartsWith(DatabaseSeeder.BulkUserNamePrefix)));

    [Fact]
    public async Task Seed_DemoUsers_CreatesThatManyMembersInDepartmentsAndARestartAddsNone()
    {
        _ = factory.Server;
        Assert.Equal(DemoUsersSeedFactory.Count, await BulkCountAsync());

        await factory.InScopeAsync(sp => sp.GetRequiredService<DatabaseSeeder>().SeedAsync(CancellationToken.None));

        Assert.Equal(DemoUsersSeedFactory.Count, await BulkCountAsync());
        var sample = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking()
            .Where(u => u.UserName == "demo-000007").SingleAsync());
        Assert.NotNull(sample.DepartmentId);
        Assert.Equal($"{sample.FirstName} {sample.LastName}".ToUpperInvariant(), sample.NormalizedFullName);
        Assert.Equal(sample.Email!.ToUpperInvariant(), sample.NormalizedEmail);
    }

    [Fact]
    public async Task Seed_DemoUser_SignsInWithTheDemoPassword()
    {
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync("demo-000042", TestUsers.DefaultPassword);

        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
    }
}
