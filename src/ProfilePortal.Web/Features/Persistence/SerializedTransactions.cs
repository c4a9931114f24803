using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ProfilePortal.Web.Features.Persistence;

/// <summary>What a serialized transaction protects; changes with the same scope and key run one after another.</summary>
public enum SerializedScope
{
    /// <summary>Changes that could take away the last active administrator (SPEC 2.9).</summary>
    Administrators = 1,

    /// <summary>Creating a person's tokens, which must stop at the limit (SPEC 2.5); keyed by the person.</summary>
    PersonalTokens = 2,

    /// <summary>Seeding at start-up (roles, the first administrator, demo data): nodes starting together seed one by one.</summary>
    Seeding = 3,

    /// <summary>Setting or removing a person's avatar (a version counter on the account); keyed by the person.</summary>
    Avatar = 4,

    /// <summary>Applying migrations at start-up: nodes starting together migrate one after another.</summary>
    Migrations = 5,

    /// <summary>Setting or clearing a person's attribute values (a row per value, read and then written); keyed by the person.</summary>
    AttributeValues = 6,
}

/// <summary>
/// A transaction for "check, then change" rules that must hold however many requests and nodes run at once (the last
/// administrator, the token limit, seeding at start-up). SQLite: BEGIN IMMEDIATE, the database's one write lock, taken before the check.
/// PostgreSQL: a transaction-scoped advisory lock on (scope, key), taken before the check and released at commit or
/// rollback; the transaction is READ COMMITTED so every read after the wait sees what the previous holder committed
/// (a SERIALIZABLE snapshot would be taken before the wait, and one of two conflicting changes would fail instead of
/// waiting). Only transactions that take the same lock wait for each other.
/// </summary>
public static class SerializedTransactions
{
    public static async Task<IDbContextTransaction> BeginSerializedAsync(this DatabaseFacade database, SerializedScope scope, Guid key, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres())
        {
            return await database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        }

        var transaction = await database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(int)scope}, {LockKey(key)})", cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Applies pending migrations with one node at a time on PostgreSQL: a session-level advisory lock held across the
    /// whole run (EF Core's own migration lock was seen to let a second node apply a migration the first had just
    /// applied, when there were two to apply). The next node then finds them applied and does nothing. A database that
    /// does not exist yet is created by EF Core as before. SQLite: EF Core's lock (one writer per file) is enough.
    /// </summary>
    public static async Task MigrateOneNodeAtATimeAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres() || !await database.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken))
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }

        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_lock({(int)SerializedScope.Migrations}, 0)", cancellationToken);
            try
            {
                await database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({(int)SerializedScope.Migrations}, 0)", CancellationToken.None);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>The key folded to the 32 bits an advisory lock takes; two keys that fold alike only wait for each other.</summary>
    private static int LockKey(Guid key)
    {
        Span<byte> bytes = stackalloc byte[16];
        key.TryWriteBytes(bytes);
        return BitConverter.ToInt32(bytes[..4]) ^ BitConverter.ToInt32(bytes[4..8]) ^ BitConverter.ToInt32(bytes[8..12]) ^ BitConverter.ToInt32(bytes[12..]);
    }
}
