using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Persistence;

public static class PersistenceSetup
{
    public const string DefaultConnectionString = "Data Source=profileportal.db";

    private static readonly SqliteConnectionSettings SqliteSettings = new();

    public static WebApplicationBuilder AddPortalPersistence(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        var provider = DatabaseProviders.FromConfiguration(builder.Configuration);
        var connectionString = builder.Configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DefaultConnectionString
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is empty: set it to the PostgreSQL connection string (e.g. ConnectionStrings__Default=\"Host=db;Database=profileportal;Username=portal;Password=...\").");
        }

        builder.Services.AddSingleton(new DatabaseSettings(provider));
        // Pooled: every request (the session store reads on each one) reuses a context and its options instead of
        // building both again. The app asks for AppDbContext and gets the provider's subclass, whose migrations and
        // model snapshot are its own. Interceptors registered as services (tests count commands with one) are added.
        if (provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContextPool<AppDbContext, PostgresAppDbContext>((sp, options) => WithoutModelCheckAtStart(options)
                .UseNpgsql(connectionString)
                .UsePortalDbFunctions()
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            builder.Services.AddDbContextPool<AppDbContext, SqliteAppDbContext>((sp, options) => WithoutModelCheckAtStart(options)
                .UseSqlite(connectionString)
                .UsePortalDbFunctions()
                .AddInterceptors([SqliteSettings, .. sp.GetServices<IInterceptor>()]));
            // Built by the container so that it is disposed with it (its connections close when the app stops).
            builder.Services.AddSingleton(_ => new SqlitePreparedReads(connectionString));
        }

        // Keys live in the database, so every node reads the cookies, antiforgery tokens and reset links the others
        // issued, and keys survive a restart; with a certificate configured they are encrypted there too.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("ProfilePortal")
            .PersistKeysToDbContext<AppDbContext>();
        var certificatePath = builder.Configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            dataProtection.ProtectKeysWithCertificate(
                X509CertificateLoader.LoadPkcs12FromFile(certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }
        else
        {
            builder.Services.AddHostedService<UnprotectedKeysWarning>();
        }
        // One read of the people table on a pooled connection: it fails when the database is gone or lacks the schema.
        // EF's default test (CanConnect) opened a new, unpooled SQLite handle and parsed the whole schema on every
        // call, about 1 ms of CPU per /healthz, which load balancers poll.
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database",
            customTestQuery: async (db, cancellationToken) =>
            {
                await db.Users.AnyAsync(cancellationToken);
                return true;
            });
        return builder;
    }

    /// <summary>
    /// Migrate() first compares the model with the provider's snapshot (EF's PendingModelChangesWarning): it builds the
    /// whole snapshot model and diffs it on every start, code and memory each node then keeps. The tests make the same
    /// check for both providers (MigrationsTests), so a model change without its migration fails there instead.
    /// </summary>
    private static DbContextOptionsBuilder WithoutModelCheckAtStart(DbContextOptionsBuilder options)
        => options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Applies the migrations, turns on SQLite's write-ahead log and seeds; runs once at start-up.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await LegacySqliteHistory.AdoptAsync(db, CancellationToken.None);
        // Nodes starting together on one PostgreSQL apply each migration once and wait for each other.
        await db.Database.MigrateOneNodeAtATimeAsync(CancellationToken.None);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work at once; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        // The seeder checks, then creates (roles, the first administrator, demo data); nodes starting together on one
        // database would both find nothing and both create, so each seeds in one serialized transaction (UserManager
        // saves through this same scoped context, so its changes are part of it), one node after the other.
        var seeder = scope.ServiceProvider.GetRequiredService<Seeding.DatabaseSeeder>();
        await using (var transaction = await db.Database.BeginSerializedAsync(SerializedScope.Seeding, Guid.Empty, CancellationToken.None))
        {
            await seeder.SeedAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }
    }
}
