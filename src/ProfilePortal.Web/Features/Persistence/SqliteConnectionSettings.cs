using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProfilePortal.Web.Features.Persistence;

/// <summary>
/// Per-connection SQLite settings that the connection string cannot carry. <c>synchronous=NORMAL</c> with the
/// write-ahead log (decision 0005): a commit no longer waits for a disk sync, only checkpoints do. The database stays
/// consistent after any crash; a power loss may undo the last commits. Without it every wrong password (failure count
/// and security-log row) waited for two syncs that an unknown login never waits for, which told who has an account.
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        return command;
    }
}
