using Npgsql;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// Which database the integration tests run on. scripts/test.sh runs the suite on SQLite, then again on PostgreSQL:
/// it starts a throwaway cluster and sets PORTAL_TEST_POSTGRES to its administrator connection string (no database
/// named). Tests that only make sense on one provider carry <c>[Trait(TestDatabase.Trait, ...)]</c>, and the other
/// run filters them out.
/// </summary>
public static class TestDatabase
{
    public const string Trait = "Database";
    public const string SqliteOnly = "SqliteOnly";
    public const string PostgresOnly = "PostgresOnly";

    private static readonly string? PostgresAdmin = Environment.GetEnvironmentVariable("PORTAL_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresAdmin is not null;

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    public static string PostgresConnectionString(string database)
        => new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = database }.ConnectionString;

    public static void CreatePostgresDatabase(string database)
    {
        using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{database}\"";
        command.ExecuteNonQuery();
    }

    public static async Task DropPostgresDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
