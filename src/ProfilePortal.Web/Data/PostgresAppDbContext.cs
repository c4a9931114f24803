using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ProfilePortal.Web.Data;

/// <summary>The store on PostgreSQL (several nodes, one database). Its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The admin search compares prefixes as byte ranges (decision 0004). Under a linguistic collation (the usual
        // en_US.UTF-8 database default) 'TERM' <= x < 'TERN' is not "starts with" and the B-tree in that order cannot
        // serve it; under "C" both are ordinal, as on SQLite, and sorting by name gives the same order on both.
        var user = builder.Entity<AppUser>();
        user.Property(u => u.NormalizedFullName).UseCollation("C");
        user.Property(u => u.NormalizedSortName).UseCollation("C");
        user.Property(u => u.NormalizedEmail).UseCollation("C");
        user.Property(u => u.NormalizedUserName).UseCollation("C");
    }
}

/// <summary>What <c>dotnet ef migrations add --context PostgresAppDbContext</c> builds the model with; no database is opened.</summary>
public sealed class PostgresAppDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=profileportal").UseIdentityStoreSchema().Options);
}
