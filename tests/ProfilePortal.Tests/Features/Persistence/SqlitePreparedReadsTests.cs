using Microsoft.Data.Sqlite;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Persistence;

namespace ProfilePortal.Tests.Features.Persistence;

/// <summary>
/// Statements kept prepared on open connections must behave like fresh queries: they see every commit, hold nothing
/// between reads (a checkpoint completes), give a failed connection up, and close everything when disposed.
/// </summary>
[Trait(TestDatabase.Trait, TestDatabase.SqliteOnly)]
public sealed class SqlitePreparedReadsTests : IDisposable
{
    private const string Select = "SELECT \"Name\" FROM \"Items\" WHERE \"Key\" = @key";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pp-prepared-" + Guid.NewGuid().ToString("N"));
    private readonly string _connectionString;
    private readonly SqlitePreparedReads _reads;

    public SqlitePreparedReadsTests()
    {
        Directory.CreateDirectory(_directory);
        _connectionString = $"Data Source={Path.Combine(_directory, "test.db")}";
        Execute("PRAGMA journal_mode=WAL; CREATE TABLE \"Items\" (\"Key\" TEXT PRIMARY KEY, \"Name\" TEXT NOT NULL);");
        _reads = new SqlitePreparedReads(_connectionString);
    }

    public void Dispose()
    {
        _reads.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void ReadFirst_SeesRowsWrittenAfterTheStatementWasPrepared()
    {
        var before = Read("a");
        Execute("INSERT INTO \"Items\" VALUES ('a', 'first')");
        var inserted = Read("a");
        Execute("UPDATE \"Items\" SET \"Name\" = 'second' WHERE \"Key\" = 'a'");
        var updated = Read("a");
        Execute("DELETE FROM \"Items\"");

        Assert.Null(before);
        Assert.Equal("first", inserted);
        Assert.Equal("second", updated);
        Assert.Null(Read("a"));
        Assert.Equal(1, _reads.OpenConnections);
    }

    [Fact]
    public void ReadFirst_BindsEachCallsValue()
    {
        Execute("INSERT INTO \"Items\" VALUES ('a', 'one'), ('b', 'two')");

        var read = new[] { Read("a"), Read("b"), Read("a"), Read("c") };

        Assert.Equal(new[] { "one", "two", "one", null }, read);
    }

    [Fact]
    public void BetweenReads_NoReadTransactionIsHeld_SoACheckpointCompletes()
    {
        Execute("INSERT INTO \"Items\" VALUES ('a', 'one')");
        Assert.Equal("one", Read("a"));
        Execute("UPDATE \"Items\" SET \"Name\" = 'two'");

        using var connection = Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        using var result = checkpoint.ExecuteReader();
        result.Read();

        // busy = 0: no reader pinned an older snapshot of the log.
        Assert.Equal(0, result.GetInt32(0));
        Assert.Equal("two", Read("a"));
    }

    [Fact]
    public async Task ManyReadsAtOnce_KeepAtMostMaxIdleConnectionsOpenAfterwards()
    {
        Execute("INSERT INTO \"Items\" VALUES ('a', 'one')");
        var inside = 0;
        var gate = new ManualResetEventSlim();
        var total = SqlitePreparedReads.MaxIdle + 3;
        var reads = Enumerable.Range(0, total).Select(_ => Task.Factory.StartNew(() => _reads.ReadFirst(Select, "@key", "a", row =>
        {
            // Every read waits inside until all are: each has a connection of its own.
            if (Interlocked.Increment(ref inside) == total) gate.Set();
            gate.Wait(TimeSpan.FromSeconds(20));
            return row.GetString(0);
        }), TaskCreationOptions.LongRunning)).ToArray();

        var names = await Task.WhenAll(reads);

        Assert.All(names, name => Assert.Equal("one", name));
        Assert.True(gate.IsSet);
        Assert.Equal(SqlitePreparedReads.MaxIdle, _reads.OpenConnections);
    }

    [Fact]
    public void AFailedRead_ClosesItsConnection_AndTheNextReadWorks()
    {
        Execute("INSERT INTO \"Items\" VALUES ('a', 'one')");
        Assert.Equal("one", Read("a"));

        Assert.Throws<SqliteException>(() => _reads.ReadFirst("SELECT \"Name\" FROM \"Missing\" WHERE \"Key\" = @key", "@key", "a", row => row.GetString(0)));

        Assert.Equal(0, _reads.OpenConnections);
        Assert.Equal("one", Read("a"));
        Assert.Equal(1, _reads.OpenConnections);
    }

    [Fact]
    public void Dispose_ClosesTheConnections_AndLaterReadsAreRefused()
    {
        Execute("INSERT INTO \"Items\" VALUES ('a', 'one')");
        Read("a");

        _reads.Dispose();

        Assert.Equal(0, _reads.OpenConnections);
        Assert.Throws<ObjectDisposedException>(() => Read("a"));
    }

    private string? Read(string key) => _reads.ReadFirst(Select, "@key", key, row => row.GetString(0));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
