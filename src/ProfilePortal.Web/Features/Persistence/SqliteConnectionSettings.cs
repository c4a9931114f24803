using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProfilePortal.Web.Features.Persistence;

/// <summary>
/// Per-connection SQLite settings that the connection string cannot carry. <c>synchronous=NORMAL</c> with the
/// write-ahead log (decision 0005): a commit no longer waits for a disk sync, only checkpoints do. The database stays
/// consistent after any crash; a power loss may undo the last commits. Without it every wrong password (failure count
/// and security-log row) waited for two syncs that an unknown login never waits for, which told who has an account.
/// A setting lasts as long as the database handle, and the connection pool reopens the same handle for request after
/// request, so it runs once per handle, not at every open (one statement less on every signed-in request).
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL;";

    // The handles already set up; an entry goes when its handle is collected (closed and dropped by the pool).
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpenOfHandle(connection)) return;
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpenOfHandle(connection)) return;
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private bool FirstOpenOfHandle(DbConnection connection)
        => connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
