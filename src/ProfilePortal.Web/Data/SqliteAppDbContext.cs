using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProfilePortal.Web.Data;

/// <summary>The store on SQLite (the default, one file). Its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // SQLite cannot combine RETURNING with the AFTER triggers that raise the data versions (DataVersions): EF saves
        // these tables with a separate SELECT instead.
        foreach (var type in DataVersions.TriggeredEntities)
        {
            builder.Entity(type).ToTable(table => table.UseSqlReturningClause(false));
        }
    }
}

/// <summary>What <c>dotnet ef migrations add --context SqliteAppDbContext</c> builds the model with; no database is opened.</summary>
public sealed class SqliteAppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design-time.db").UseIdentityStoreSchema().Options);
}
