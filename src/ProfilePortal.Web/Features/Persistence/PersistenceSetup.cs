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
        // Pooled: every request (the session store reads on each one) reuses a context and its options instead of
        // building both again; the options lambda runs once.
        builder.Services.AddDbContextPool<AppDbContext>((sp, options) =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Default");
            options.UseSqlite(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString)
                .AddInterceptors(SqliteSettings);
            // Migrations are written by hand (EF's design-time package is not available), so there is no model
            // snapshot to compare with; MigrationSchemaTests proves the migrations build exactly the model instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });

        builder.Services.AddSingleton<DatabaseXmlRepository>();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("ProfilePortal");
        // Keys live in the database; with a certificate configured they are encrypted there too.
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
        builder.Services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, repository) => options.XmlRepository = repository);

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Applies the migrations, turns on SQLite's write-ahead log and seeds; runs once at start-up.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work at once; the setting is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var seeder = scope.ServiceProvider.GetRequiredService<Seeding.DatabaseSeeder>();
        await seeder.SeedAsync(CancellationToken.None);
    }
}
