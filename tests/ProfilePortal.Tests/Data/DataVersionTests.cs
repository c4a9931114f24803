using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// The data versions (Data/DataVersions.cs) are raised by the database itself, so a write by any path (here plain SQL,
/// as another node, a script or a bulk update would write) is seen by every cache keyed on them. Runs on SQLite and on
/// PostgreSQL, each with its own migration's triggers.
/// </summary>
public class DataVersionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> PersonChanges =>
    [
        "account row updated", "role assigned", "role removed", "attribute value added", "attribute value changed", "attribute value removed",
    ];

    public static TheoryData<string> SharedChanges =>
    [
        "role renamed", "permission granted", "department renamed", "organization renamed", "attribute definition changed", "department added",
    ];

    [Theory]
    [MemberData(nameof(PersonChanges))]
    public async Task PersonVersion_RisesWithEveryWriteToThePersonsRows_AndOnlyTheirs(string change)
    {
        var (person, other, ids) = await ArrangeAsync();
        var before = await VersionsAsync(person.Id, other.Id);

        await factory.InScopeAsync(sp => WriteAsync(sp.GetRequiredService<AppDbContext>().Database, change, person.Id, ids));

        var after = await VersionsAsync(person.Id, other.Id);
        Assert.True(after.Person > before.Person, $"{change}: person version {before.Person} -> {after.Person}");
        Assert.Equal(before.Other, after.Other);
    }

    [Theory]
    [MemberData(nameof(SharedChanges))]
    public async Task SharedVersion_RisesWithEveryWriteToSharedRows(string change)
    {
        var (person, other, ids) = await ArrangeAsync();
        var before = await VersionsAsync(person.Id, other.Id);

        await factory.InScopeAsync(sp => WriteAsync(sp.GetRequiredService<AppDbContext>().Database, change, person.Id, ids));

        var after = await VersionsAsync(person.Id, other.Id);
        Assert.True(after.Shared > before.Shared, $"{change}: shared version {before.Shared} -> {after.Shared}");
    }

    [Fact]
    public async Task MigratedDatabase_HasEveryTrigger()
    {
        // SQLite drops a table's triggers when a migration rebuilds the table: such a migration must create them again.
        string[] person = ["AspNetUserRoles", "AccountAttributeValues"];
        string[] shared = ["AspNetRoles", "AspNetRoleClaims", "Departments", "Organizations", "AccountAttributeDefinitions"];
        string[] events = ["Insert", "Update", "Delete"];
        var expected = TestDatabase.IsPostgres
            ? person.Concat(shared).Append("AspNetUsers").Select(table => $"DataVersion_{table}")
            : person.Concat(shared).SelectMany(table => events.Select(e => $"DataVersion_{table}_{e}")).Append("DataVersion_AspNetUsers_Update");

        var triggers = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<string>(TestDatabase.IsPostgres
            ? "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").ToListAsync());

        Assert.Equal(expected.Order(StringComparer.Ordinal), triggers.Where(t => t.StartsWith("DataVersion_", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PersonVersion_RisesWhenSavedThroughUserManager_AndTheSaveStillSucceeds()
    {
        // EF saves these tables without SQLite's RETURNING clause (it cannot be combined with AFTER triggers).
        var person = await factory.CreateUserAsync();
        var before = (await VersionsAsync(person.Id, person.Id)).Person;

        var result = await factory.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(person.Id.ToString()))!;
            user.Title = "Engineer";
            return await users.UpdateAsync(user);
        });

        Assert.True(result.Succeeded);
        Assert.Equal("Engineer", (await factory.LoadUserAsync(person.Id)).Title);
        Assert.True((await VersionsAsync(person.Id, person.Id)).Person > before);
    }

    [Fact]
    public async Task SharedVersion_EveryReadTakesItsOneRow_EvenWithAnotherRowBeforeIt()
    {
        var person = await factory.CreateUserAsync();
        var hash = TokenFormat.Hash((await factory.CreateTokenAsync(person)).Value);
        // SQLite scans by rowid: a read that does not name row 1 would take this row's version.
        await ExecuteAsync("INSERT INTO \"SharedDataVersion\" (\"Id\", \"Version\") VALUES (0, -7)");
        try
        {
            var shared = (await VersionsAsync(person.Id, person.Id)).Shared;
            var reads = await factory.InScopeAsync(async sp => new[]
            {
                await DataVersions.ReadSharedAsync(sp.GetRequiredService<AppDbContext>(), CancellationToken.None),
                (await sp.GetRequiredService<TokenLookup>().FindAsync(hash, sp, CancellationToken.None))!.SharedVersion,
                (await TokenLookup.FindCompiledAsync(sp.GetRequiredService<AppDbContext>(), hash, CancellationToken.None))!.SharedVersion,
            });

            Assert.All(reads, read => Assert.Equal(shared, read));
        }
        finally
        {
            await ExecuteAsync("DELETE FROM \"SharedDataVersion\" WHERE \"Id\" = 0");
        }
    }

    private Task<int> ExecuteAsync(string sql) => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql));

    /// <summary>The rows a change works on: a role and an attribute the person has, and one of each they have not.</summary>
    private sealed record Arranged(Guid Role, Guid SpareRole, Guid Attribute, Guid SpareAttribute);

    private async Task<(TestUser Person, TestUser Other, Arranged Ids)> ArrangeAsync()
    {
        var placed = await factory.CreatePlacedPersonAsync();
        var other = await factory.CreateUserAsync();
        var spareRole = new AppRole("Role " + Guid.NewGuid().ToString("N")[..8]);
        await factory.InScopeAsync(sp => sp.GetRequiredService<RoleManager<AppRole>>().CreateAsync(spareRole));
        var spareAttribute = await factory.CreateAttributeAsync();
        return (placed.User, other, new Arranged(placed.Role.Id, spareRole.Id, placed.Attribute.Id, spareAttribute.Id));
    }

    private static Task<int> WriteAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, string change, Guid person, Arranged ids)
    {
        var now = DateTime.UtcNow;
        var name = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        return change switch
        {
            "account row updated" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.SetTitle(person, name)),
            "role assigned" => database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ({person}, {ids.SpareRole})"""),
            "role removed" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.RemoveRole(person, ids.Role)),
            "attribute value added" => database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "AccountAttributeValues" ("UserId", "DefinitionId", "Value", "UpdatedAt") VALUES ({person}, {ids.SpareAttribute}, {name}, {now})"""),
            "attribute value changed" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.ChangeAttributeValue(person, ids.Attribute, name)),
            "attribute value removed" => database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AccountAttributeValues" WHERE "UserId" = {person} AND "DefinitionId" = {ids.Attribute}"""),
            "role renamed" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.RenameRole(ids.Role, name)),
            "permission granted" => database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "AspNetRoleClaims" ("RoleId", "ClaimType", "ClaimValue") VALUES ({ids.Role}, {Permissions.ClaimType}, {Permissions.BillingView})"""),
            "department renamed" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.RenameDepartmentOf(person, name)),
            "organization renamed" => database.ExecuteSqlInterpolatedAsync(WrittenElsewhere.RenameOrganizationOf(person, name)),
            "attribute definition changed" => database.ExecuteSqlInterpolatedAsync($"""UPDATE "AccountAttributeDefinitions" SET "ShownOnProfile" = NOT "ShownOnProfile" WHERE "Id" = {ids.Attribute}"""),
            "department added" => database.ExecuteSqlInterpolatedAsync($"""INSERT INTO "Departments" ("Id", "Name", "OrganizationId") SELECT {Guid.NewGuid()}, {name}, "OrganizationId" FROM "AspNetUsers" WHERE "Id" = {person}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
        };
    }

    private Task<(long Person, long Other, long Shared)> VersionsAsync(Guid person, Guid other) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var versions = await db.Users.AsNoTracking().Where(u => u.Id == person || u.Id == other)
            .Select(u => new { u.Id, Version = EF.Property<long>(u, DataVersions.PersonColumn) }).ToDictionaryAsync(u => u.Id, u => u.Version);
        var shared = await db.SharedDataVersions.AsNoTracking().Where(v => v.Id == SharedDataVersion.RowId).Select(v => v.Version).SingleAsync();
        return (versions[person], versions[other], shared);
    });
}
