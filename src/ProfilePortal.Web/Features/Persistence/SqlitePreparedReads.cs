using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace ProfilePortal.Web.Features.Persistence;

/// <summary>
/// One-row reads made on nearly every request (the API's token lookup), through statements compiled once and kept on
/// open SQLite connections. EF creates a new command for every query, and Microsoft.Data.Sqlite compiles a new
/// command's SQL at its first execution; for a one-row indexed read, compiling the statement and opening and closing
/// the pooled connection (which registers EF's eleven SQL functions again every time) cost several times the read
/// (docs/benchmarks.md, issue 17). SQLite only: on PostgreSQL EF's compiled queries stay, and Npgsql prepares them.
/// Between reads a connection holds no transaction (disposing the reader resets its statement): it pins no snapshot
/// and does not hold back the write-ahead log's checkpoints.
/// </summary>
public sealed class SqlitePreparedReads(string connectionString) : IDisposable
{
    /// <summary>Idle connections kept; more are opened only while more reads run at once, and closed after.</summary>
    public static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentQueue<KeptConnection> _idle = new();
    private int _idleCount;
    private int _opened;
    private volatile bool _disposed;

    /// <summary>Connections open now, idle or reading (for tests).</summary>
    internal int OpenConnections => Volatile.Read(ref _opened);

    /// <summary>Called with the SQL of every read: tests count a request's statements with it, as they count EF's with an interceptor.</summary>
    internal Action<string>? Executing { get; set; }

    /// <summary>
    /// Runs <paramref name="sql"/> (one parameter, <paramref name="parameterName"/>) and maps its first row with
    /// <paramref name="map"/>; null when there is none. A connection that failed is closed, not used again.
    /// </summary>
    public T? ReadFirst<T>(string sql, string parameterName, object value, Func<SqliteDataReader, T> map) where T : class
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Executing?.Invoke(sql);
        var connection = Rent();
        T? result;
        try
        {
            result = connection.ReadFirst(sql, parameterName, value, map);
        }
        catch
        {
            Close(connection);
            throw;
        }

        Return(connection);
        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var connection)) Close(connection);
    }

    private KeptConnection Rent()
    {
        if (_idle.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Interlocked.Increment(ref _opened);
        return new KeptConnection(connection);
    }

    private void Return(KeptConnection connection)
    {
        if (Interlocked.Increment(ref _idleCount) <= MaxIdle && !_disposed)
        {
            _idle.Enqueue(connection);
            // Disposed meanwhile: Dispose may have emptied the queue before this connection went in.
            if (_disposed) Dispose();
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        Close(connection);
    }

    private void Close(KeptConnection connection)
    {
        connection.Dispose();
        Interlocked.Decrement(ref _opened);
    }

    /// <summary>An open connection and the statements compiled on it, by SQL text; used by one read at a time.</summary>
    private sealed class KeptConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public T? ReadFirst<T>(string sql, string parameterName, object value, Func<SqliteDataReader, T> map) where T : class
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.Add(new SqliteParameter(parameterName, value));
                command.Prepare();
                _commands.Add(sql, command);
            }

            command.Parameters[0].Value = value;
            using var rows = command.ExecuteReader(CommandBehavior.SingleRow);
            return rows.Read() ? map(rows) : null;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            connection.Dispose();
        }
    }
}
