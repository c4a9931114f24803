using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Features.Persistence;

namespace ProfilePortal.Tests.Features.Persistence;

public class DatabaseProvidersTests
{
    // IsPostgres compares a written-out name (so that SQLite nodes need not load Npgsql's provider): it must agree with
    // Npgsql's own check for both providers, or a package update that renamed the provider would go unnoticed.
    [Fact]
    public void IsPostgres_AgreesWithNpgsqlsOwnCheck_ForBothProviders()
    {
        using var postgres = new DbContext(new DbContextOptionsBuilder().UseNpgsql("Host=127.0.0.1;Database=unused").Options);
        using var sqlite = new DbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options);

        Assert.True(postgres.Database.IsNpgsql());
        Assert.True(postgres.Database.IsPostgres());
        Assert.False(sqlite.Database.IsNpgsql());
        Assert.False(sqlite.Database.IsPostgres());
    }
}
