using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// The migrations are written by hand, so these tests stand in for EF's model snapshot: a model change without a
/// matching migration fails here.
/// </summary>
public partial class MigrationSchemaTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Migrations_BuildExactlyTheSchemaTheModelDescribes()
    {
        // The app's own database was built by the migrations at start-up.
        var migrated = ReadSchema(factory.DatabasePath);
        var modelPath = Path.Combine(factory.Root, "from-model.db");
        await using (var db = CreateContext(modelPath))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var fromModel = ReadSchema(modelPath);

        Assert.Equal(fromModel.Keys.Order(), migrated.Keys.Order());
        foreach (var (table, expected) in fromModel)
        {
            // A column added to an existing table needs a default for the rows already there, as EF's scaffolded
            // AddColumn gives it; the model declares none. Defaults the model does declare must match.
            var modelHasNoDefault = expected.Where(f => f.StartsWith("column ", StringComparison.Ordinal))
                .ToDictionary(f => f.Split(' ')[1], f => f.Contains(" default= ", StringComparison.Ordinal));
            var actual = new SortedSet<string>(migrated[table].Select(f =>
                f.StartsWith("column ", StringComparison.Ordinal) && modelHasNoDefault.GetValueOrDefault(f.Split(' ')[1])
                    ? DefaultPattern().Replace(f, " default= ")
                    : f), StringComparer.Ordinal);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Migrations_DeclareTheLengthsAndTypesOfTheModel()
    {
        // SQLite ignores lengths, so also compare the migration's operations with the model's, column by column;
        // this is what PostgreSQL will create.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var expected = db.GetService<IMigrationsModelDiffer>().GetDifferences(null, model);
        var migrations = db.GetService<IMigrationsAssembly>();
        var actual = migrations.Migrations.Values
            .Select(type => migrations.CreateMigration(type, db.Database.ProviderName!))
            .SelectMany(m => m.UpOperations).ToList();

        Assert.Equal(Describe(expected), Describe(actual));
    }

    [Fact]
    public void Migrations_AreAllApplied()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.NotEmpty(db.Database.GetAppliedMigrations());
    }

    private static AppDbContext CreateContext(string path)
        => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={path}").Options);

    /// <summary>
    /// Replays operations into the schema they leave behind, one line per column, key, foreign key and index, so
    /// "create then alter" compares equal to "create as it ends up".
    /// </summary>
    private static SortedSet<string> Describe(IEnumerable<MigrationOperation> operations)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        static string Column(string table, ColumnOperation c)
            => $"{table}.{c.Name}: {c.ClrType.Name} null={c.IsNullable} max={c.MaxLength} fixed={c.IsFixedLength} unicode={c.IsUnicode}";
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTableOperation table:
                    foreach (var c in table.Columns) lines.Add(Column(table.Name, c));
                    lines.Add($"{table.Name} PK {table.PrimaryKey?.Name}({string.Join(",", table.PrimaryKey?.Columns ?? [])})");
                    foreach (var fk in table.ForeignKeys)
                        lines.Add($"{table.Name} FK {fk.Name}({string.Join(",", fk.Columns)}) -> {fk.PrincipalTable}({string.Join(",", fk.PrincipalColumns ?? [])}) {fk.OnDelete}");
                    foreach (var unique in table.UniqueConstraints)
                        lines.Add($"{table.Name} UQ {unique.Name}({string.Join(",", unique.Columns)})");
                    break;
                case AddColumnOperation column:
                    lines.Add(Column(column.Table, column));
                    break;
                case DropColumnOperation drop:
                    lines.RemoveWhere(l => l.StartsWith($"{drop.Table}.{drop.Name}: ", StringComparison.Ordinal));
                    break;
                case DropTableOperation drop:
                    lines.RemoveWhere(l => l.StartsWith(drop.Name + ".", StringComparison.Ordinal) || l.StartsWith(drop.Name + " ", StringComparison.Ordinal));
                    break;
                case CreateIndexOperation index:
                    lines.Add($"{index.Table} IX {index.Name}({string.Join(",", index.Columns)}) unique={index.IsUnique} filter={index.Filter}");
                    break;
                case DropIndexOperation drop:
                    lines.RemoveWhere(l => l.StartsWith($"{drop.Table} IX {drop.Name}(", StringComparison.Ordinal));
                    break;
                case AddForeignKeyOperation fk:
                    lines.Add($"{fk.Table} FK {fk.Name}({string.Join(",", fk.Columns)}) -> {fk.PrincipalTable}({string.Join(",", fk.PrincipalColumns ?? [])}) {fk.OnDelete}");
                    break;
                case SqlOperation:
                    // Data changes (backfills) leave the schema as it is.
                    break;
                default:
                    lines.Add("unsupported operation in this comparison: " + operation.GetType().Name);
                    break;
            }
        }

        return lines;
    }

    [System.Text.RegularExpressions.GeneratedRegex(" default=[^ ]* ")]
    private static partial System.Text.RegularExpressions.Regex DefaultPattern();

    /// <summary>Per table: its columns (name, type, not null, default, primary key position), indexes and foreign keys.</summary>
    private static Dictionary<string, SortedSet<string>> ReadSchema(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')", r => r.GetString(0));
        var schema = new Dictionary<string, SortedSet<string>>();
        foreach (var table in tables)
        {
            var facts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var column in Query(connection, $"PRAGMA table_info(\"{table}\")", r => $"column {r.GetString(1)} {r.GetString(2)} notnull={r.GetInt32(3)} default={(r.IsDBNull(4) ? "" : r.GetString(4))} pk={r.GetInt32(5)}"))
                facts.Add(column);
            foreach (var (name, unique) in Query(connection, $"PRAGMA index_list(\"{table}\")", r => (r.GetString(1), r.GetInt32(2))))
            {
                var columns = Query(connection, $"PRAGMA index_info(\"{name}\")", r => r.GetString(2));
                facts.Add($"index {name} unique={unique} ({string.Join(",", columns)})");
            }

            foreach (var fk in Query(connection, $"PRAGMA foreign_key_list(\"{table}\")", r => $"fk {r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)}"))
                facts.Add(fk);
            var autoincrement = Query(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'", r => r.GetString(0)).Single().Contains("AUTOINCREMENT", StringComparison.Ordinal);
            facts.Add($"autoincrement={autoincrement}");
            schema[table] = facts;
        }

        return schema;
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
