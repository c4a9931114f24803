using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// A SQLite database made by the hand-written migrations (Fixtures/sqlite-hand-written-migrations.sql, dumped from a
/// database the 2026-11-29 version made and used) upgrades to the generated migrations without losing anything.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public class LegacySqliteUpgradeTests
{
    private const string DemoAdminEmail = "admin@example.com";
    private const string DemoPassword = "Demo!Passw0rd";

    [Fact]
    public async Task Start_HandWrittenMigrationsDatabase_KeepsEveryRowAndAdoptsTheGeneratedHistory()
    {
        await using var factory = new LegacyDatabaseFactory();
        var before = RowCounts(factory.LegacyCopy());

        var client = factory.CreateBrowserClient();
        var signIn = await client.SignInAsync(DemoAdminEmail, DemoPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var profile = await client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var after = RowCounts(factory.DatabasePath);
        foreach (var (table, count) in before.Where(t => t.Key != "__EFMigrationsHistory"))
        {
            // Signing in adds a session, a security-log row and the key ring; nothing already there is lost.
            Assert.True(after[table] >= count, $"{table}: {count} rows before, {after[table]} after");
        }

        Assert.Equal(before["PersonalAccessTokens"], after["PersonalAccessTokens"]);
        Assert.Equal(before["UserAvatars"], after["UserAvatars"]);
        Assert.Equal(before["AspNetUsers"], after["AspNetUsers"]);
        using var db = Context(factory.DatabasePath);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("CI deploys", await db.PersonalAccessTokens.Select(t => t.Description).SingleAsync());
    }

    [Fact]
    public async Task Start_HandWrittenMigrationsDatabase_HasTheSchemaOfAFreshOne()
    {
        await using var factory = new LegacyDatabaseFactory();
        _ = factory.CreateClient();
        var freshPath = Path.Combine(factory.Root, "fresh.db");
        await using (var fresh = Context(freshPath))
        {
            await fresh.Database.MigrateAsync();
        }

        // Column order differs (the hand-written migrations added columns at the end), and columns added later kept
        // the default their ALTER TABLE needed; names, types, nullability, keys, indexes and foreign keys are equal.
        Assert.Equal(Schema(freshPath), Schema(factory.DatabasePath));
    }

    [Fact]
    public async Task Start_EarlierHandWrittenDatabase_RefusesWithAMessageAndChangesNothing()
    {
        await using var factory = new LegacyDatabaseFactory(keepMigrations: 3);
        var before = Schema(factory.LegacyCopy());

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var refusal = error as InvalidOperationException ?? error.InnerException as InvalidOperationException;
        Assert.NotNull(refusal);
        Assert.Contains("made by an early version", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(LegacySqliteHistory.LastHandWrittenMigration, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(before, Schema(factory.DatabasePath));
    }

    private static SqliteAppDbContext Context(string path)
        => new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path};Pooling=False").UseIdentityStoreSchema().Options);

    private static Dictionary<string, long> RowCounts(string path)
    {
        using var connection = Open(path);
        return Tables(connection).ToDictionary(t => t, t => (long)Scalar(connection, $"SELECT count(*) FROM \"{t}\"")!);
    }

    /// <summary>The schema as sorted lines: columns (name, type, not null, key), indexes and foreign keys of each table.</summary>
    private static List<string> Schema(string path)
    {
        using var connection = Open(path);
        var lines = new List<string>();
        foreach (var table in Tables(connection).Where(t => t != "__EFMigrationsHistory"))
        {
            lines.AddRange(Rows(connection, $"PRAGMA table_info(\"{table}\")", r => $"{table} column {r.GetString(1)} {r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)}"));
            foreach (var index in Rows(connection, $"PRAGMA index_list(\"{table}\")", r => $"{r.GetString(1)} unique={r.GetInt64(2)} partial={r.GetInt64(4)}"))
            {
                var columns = Rows(connection, $"PRAGMA index_info(\"{index.Split(' ')[0]}\")", r => r.GetString(2));
                lines.Add($"{table} index {index} ({string.Join(",", columns)})");
            }

            lines.AddRange(Rows(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => $"{table} fk {r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<string> Tables(SqliteConnection connection)
        => Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", r => r.GetString(0));

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Rows(SqliteConnection connection, string sql, Func<SqliteDataReader, string> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    /// <summary>The app over a copy of the fixture database; <paramref name="keepMigrations"/> cuts its history short.</summary>
    private sealed class LegacyDatabaseFactory(int keepMigrations = 6) : PortalFactory
    {
        private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", "sqlite-hand-written-migrations.sql");

        /// <summary>Another copy of the fixture as the app found it, to compare with.</summary>
        public string LegacyCopy()
        {
            var path = Path.Combine(Root, "legacy-copy.db");
            if (!File.Exists(path)) Build(path);
            return path;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (!File.Exists(DatabasePath)) Build(DatabasePath);
            base.ConfigureWebHost(builder);
        }

        private void Build(string path)
        {
            Directory.CreateDirectory(Root);
            using var connection = Open(path);
            using var command = connection.CreateCommand();
            command.CommandText = File.ReadAllText(Fixture)
                + $"\nDELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" NOT IN (SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" LIMIT {keepMigrations});";
            command.ExecuteNonQuery();
        }
    }
}
