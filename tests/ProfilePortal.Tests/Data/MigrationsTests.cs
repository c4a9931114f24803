using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// Each provider has its own generated migrations and model snapshot (Data/Migrations/Sqlite and /Postgres); a model
/// change without `bash scripts/add-migration.sh Name` fails here, for both, whichever database the run uses.
/// </summary>
public class MigrationsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_ChangedWithoutAMigration_Fails(string provider)
    {
        using var db = DesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model differs from the {provider} model snapshot: run `bash scripts/add-migration.sh <Name>`.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_OfEachProvider_AreItsOwn(string provider)
    {
        using var db = DesignTimeContext(provider);

        var migrations = db.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
        var types = typeof(AppDbContext).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration))
                        && t.Namespace == $"ProfilePortal.Web.Data.Migrations.{provider}")
            .ToList();
        Assert.Equal(types.Count, migrations.Count);
    }

    [Fact]
    public async Task Start_EmptyDatabase_AppliesEveryMigration()
    {
        _ = factory.CreateClient();

        var (pending, applied, all) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return ((await db.Database.GetPendingMigrationsAsync()).ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(), db.Database.GetMigrations().ToList());
        });

        Assert.Empty(pending);
        Assert.Equal(all, applied);
        Assert.Equal(TestDatabase.IsPostgres, await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>() is PostgresAppDbContext)));
    }

    [Fact]
    public async Task Model_OfTheRunningApp_HasIdentitysPasskeyTable()
    {
        // Identity builds its schema version from the app's IdentityOptions; the running app and the design-time
        // factories must agree, or the passkey table would be missing at run time or dropped by the next migration.
        var table = await factory.InScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<AppDbContext>().Model.FindEntityType(typeof(AppUserPasskey))?.GetTableName()));
        using var designTime = DesignTimeContext(TestDatabase.IsPostgres ? "Postgres" : "Sqlite");

        Assert.Equal("AspNetUserPasskeys", table);
        Assert.Equal(table, designTime.Model.FindEntityType(typeof(AppUserPasskey))?.GetTableName());
    }

    private static AppDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteAppDbContextDesignTimeFactory().CreateDbContext([]),
        _ => new PostgresAppDbContextDesignTimeFactory().CreateDbContext([]),
    };
}
