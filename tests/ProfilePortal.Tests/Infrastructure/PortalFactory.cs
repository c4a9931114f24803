using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// The whole app over its own database: one per test class (IClassFixture), so classes never share data. The database
/// is a SQLite file in a temp folder, or, when the test script runs the suite on PostgreSQL (<see cref="TestDatabase"/>),
/// a database of its own in the script's cluster, dropped at the end. Mail goes to a pickup folder the tests read;
/// every log line is captured so tests can check that no secret is ever logged.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly PortalFactory? _databaseOwner;

    public PortalFactory()
    {
    }

    /// <summary>A second app instance on <paramref name="databaseOwner"/>'s database, as a second node would be.</summary>
    protected PortalFactory(PortalFactory databaseOwner) => _databaseOwner = databaseOwner;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "profileportal-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The SQLite file (SQLite runs only).</summary>
    public string DatabasePath => _databaseOwner?.DatabasePath ?? Path.Combine(Root, "portal.db");

    /// <summary>The PostgreSQL database's name (PostgreSQL runs only).</summary>
    public string DatabaseName => _databaseOwner?.DatabaseName ?? "pp_" + Path.GetFileName(Root);

    public string ConnectionString => TestDatabase.IsPostgres ? TestDatabase.PostgresConnectionString(DatabaseName) : $"Data Source={DatabasePath}";
    public string PickupDirectory => Path.Combine(Root, "mail");

    /// <summary>
    /// The app's clock; tests move it forward. It starts at the real time so the clock reads that do not go through
    /// TimeProvider (Identity's lockout, cookie expiry in the test client's cookie jar) agree with it.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Every event the app logs, at every level its filters let through. The app logs through Serilog, which hands each
    /// event to the container's ILoggerProviders (LoggingSetup: writeToProviders), so FakeLogger sees exactly what the
    /// console and file sinks get, the request event included.
    /// </summary>
    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    private bool _databaseCreated;

    /// <summary>Creates this factory's own PostgreSQL database now; otherwise the server's start does, before it migrates.</summary>
    public void CreateDatabase()
    {
        if (!TestDatabase.IsPostgres || _databaseOwner is not null || _databaseCreated) return;
        TestDatabase.CreatePostgresDatabase(DatabaseName);
        _databaseCreated = true;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Root);
        CreateDatabase();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider);
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("Email:PickupDirectory", PickupDirectory);
        // Test clients name http://localhost; Kestrel-hosted tests reach the server at 127.0.0.1.
        builder.UseSetting("Portal:PublicBaseUrl", "http://localhost");
        builder.UseSetting("AllowedHosts", "127.0.0.1");
        // Not UseSetting: its values reach the app with every parent section ("Serilog:WriteTo:File") set to "", which
        // Serilog reads as a sink named "" and skips, so the file and console sinks were never built in tests.
        // Serilog reads its section when the logger is built, after these are added.
        var logging = new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:File:Args:configure:File:Args:path"] = Path.Combine(Root, "logs", "portal-.log"),
            // Console output of a whole test run is noise; the collected logs are what tests look at.
            ["Serilog:WriteTo:Console:Args:configure:Console:Args:restrictedToMinimumLevel"] = "Fatal",
        };
        // Every request of a test comes from 127.0.0.1 and a class signs in many times: throttling tests set their own limits.
        foreach (var limit in new[] { "SignIn:PerIp", "SignIn:PerAccount", "ForgotPassword:PerIp", "ForgotPassword:PerAccount", "ApiAuthenticationFailures:PerIp" })
        {
            builder.UseSetting($"Throttling:{limit}:PermitLimit", "100000");
        }

        // A second node runs with the first one's settings, as nodes behind one load balancer do.
        foreach (var (key, value) in (_databaseOwner ?? this).Settings)
        {
            if (key.StartsWith("Serilog:", StringComparison.Ordinal)) logging[key] = value;
            else builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(logging));

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddFakeLogging();
            services.AddTransient<IStartupFilter, ClientAddressStartupFilter>();
        });
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> action)
        => InScopeAsync<bool>(async sp => { await action(sp); return true; });

    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("http://localhost"),
    });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (TestDatabase.IsPostgres && _databaseOwner is null) await TestDatabase.DropPostgresDatabaseAsync(DatabaseName);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// The in-memory test server has no network peer; this gives each request the client address a real server would
/// see: 127.0.0.1, or the one a test names in the X-Test-Client-IP header.
/// </summary>
public sealed class ClientAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-IP";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(Header, out var ip)
                ? System.Net.IPAddress.Parse(ip.ToString())
                : System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>A second app instance on another factory's database, as a second node behind a load balancer would be.</summary>
public sealed class SecondNodeFactory(PortalFactory databaseOwner) : PortalFactory(databaseOwner);
