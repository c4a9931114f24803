using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Data;

/// <summary>Decision 0005: every connection the app opens runs with the write-ahead log and synchronous=NORMAL.</summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public class SqliteSettingsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Connection_OpenedByTheApp_UsesTheWriteAheadLogWithNormalSync()
    {
        _ = factory.CreateClient();

        var (journal, synchronous) = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var journalCommand = connection.CreateCommand();
            journalCommand.CommandText = "PRAGMA journal_mode;";
            var journalMode = (string)(await journalCommand.ExecuteScalarAsync())!;
            await using var syncCommand = connection.CreateCommand();
            syncCommand.CommandText = "PRAGMA synchronous;";
            var sync = (long)(await syncCommand.ExecuteScalarAsync())!;
            return (journalMode, sync);
        });

        Assert.Equal("wal", journal);
        // 1 = NORMAL (0 OFF, 2 FULL, the default, 3 EXTRA).
        Assert.Equal(1L, synchronous);
    }

    /// <summary>The setting runs once per database handle: a pooled reopen keeps it, a new handle gets it again.</summary>
    [Fact]
    public async Task Connection_ReopenedFromThePoolOrNew_StillUsesNormalSync()
    {
        _ = factory.CreateClient();
        var seen = new List<long>();
        for (var open = 0; open < 3; open++)
        {
            seen.Add(await factory.InScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                var sync = (long)(await command.ExecuteScalarAsync())!;
                await db.Database.CloseConnectionAsync();
                // After the second open every pooled handle is closed for good: the third open gets a new one.
                if (open == 1) SqliteConnection.ClearAllPools();
                return sync;
            }));
        }

        Assert.Equal([1L, 1L, 1L], seen);
    }
}
