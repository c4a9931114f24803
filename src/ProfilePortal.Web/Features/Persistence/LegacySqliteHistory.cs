using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Persistence;

/// <summary>
/// Until 2026-11-30 the SQLite migrations were written by hand (six of them, 20261122110000_InitialSchema to
/// 20261122160000_Administration) because EF's design-time package was not served. They were replaced by one
/// generated migration that builds the same schema (LegacySqliteUpgradeTests compares the two, table by table).
/// A database those six built is adopted: its history rows are replaced by the generated migration's, in one
/// transaction, so MigrateAsync sees it as up to date and applies only what came later. Nothing else is touched.
/// </summary>
public static class LegacySqliteHistory
{
    public const string LastHandWrittenMigration = "20261122160000_Administration";
    private const string HandWrittenPrefix = "202611221";

    public static async Task AdoptAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return;
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken)) return;

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToList();
        var handWritten = applied.Where(id => id.StartsWith(HandWrittenPrefix, StringComparison.Ordinal)).ToList();
        if (handWritten.Count == 0) return;
        if (!handWritten.Contains(LastHandWrittenMigration))
        {
            throw new InvalidOperationException(
                $"This SQLite database was made by an early version ({handWritten.Max()} is its last migration). Start the version of 2026-11-29 on it once, so it reaches {LastHandWrittenMigration}, then this version.");
        }

        var generatedInitial = db.Database.GetMigrations().First();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in handWritten)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(
            history.GetInsertScript(new HistoryRow(generatedInitial, ProductInfo.GetVersion())), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
