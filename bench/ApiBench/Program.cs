// Benchmark host for bench/api.sh. See bench/README.md.
//
//   serve <extraTokens> [timeoutSeconds]
//       starts the real app twice on 127.0.0.1 (free ports, Production environment, a temp SQLite file each, the
//       seeded admin, rate limit out of the way): "one" where the admin's token is the only token, and "many" with
//       <extraTokens> more rows in PersonalAccessTokens. Each also serves two peers of GET /api/v1/me, added here
//       and not in the product:
//         GET /bench/me-anonymous  the handler's uncached read for the admin (the two queries, the same JSON), no token:
//                                  what GET /api/v1/me costs on a cache miss, less the token lookup
//         GET /bench/me-static     the same JSON bytes, prepared once (no database, no authentication)
//       Prints "BENCH-URL <name> <url>" and "BENCH-TOKEN <name> <token>", then runs until stdin closes or the timeout.
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Tokens;

namespace ApiBench;

internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "serve")
        {
            Console.Error.WriteLine("usage: ApiBench serve <extraTokens> [timeoutSeconds]");
            return 2;
        }

        var extra = int.Parse(args[1], CultureInfo.InvariantCulture);
        var timeout = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 900;
        var root = Path.Combine(Path.GetTempPath(), "profileportal-apibench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            // BENCH_POSTGRES_ONE / _MANY (bench/api.sh with BENCH_DATABASE=postgres): each portal on its own database.
            await using var one = new BenchPortal(Path.Combine(root, "one"), Environment.GetEnvironmentVariable("BENCH_POSTGRES_ONE"));
            await using var many = new BenchPortal(Path.Combine(root, "many"), Environment.GetEnvironmentVariable("BENCH_POSTGRES_MANY"));
            foreach (var (name, portal, extraTokens) in new[] { ("one", one, 0), ("many", many, extra) })
            {
                portal.Start();
                var token = await portal.PrepareAsync(extraTokens);
                Console.WriteLine($"BENCH-URL {name} {portal.BaseAddress}");
                Console.WriteLine($"BENCH-TOKEN {name} {token}");
                Console.WriteLine($"BENCH-TOKENS {name} {await portal.CountTokensAsync()}");
            }
            Console.Out.Flush();

            var stdinClosed = Task.Run(() => { while (Console.In.ReadLine() is not null) { } });
            var finished = await Task.WhenAny(stdinClosed, Task.Delay(TimeSpan.FromSeconds(timeout)));
            Console.WriteLine(finished == stdinClosed ? "BENCH stdin closed, stopping" : "BENCH timeout, stopping");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

internal sealed class BenchPortal(string root, string? postgres) : WebApplicationFactory<global::Program>
{
    private const string AdminEmail = "bench-admin@example.com";
    private Guid _adminId;
    private byte[] _staticJson = [];

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        Directory.CreateDirectory(root);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    /// <summary>Creates the admin's token through the product's TokenService and adds the extra rows; returns the token.</summary>
    public async Task<string> PrepareAsync(int extraTokens)
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(AdminEmail)
                    ?? throw new InvalidOperationException("no seeded admin");
        _adminId = admin.Id;
        var created = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(admin.Id, "bench", TokenScopes.Read, null, CancellationToken.None)
                      ?? throw new InvalidOperationException("token not created");

        // Extra rows as the product stores them (hash of a random token, display prefix), in batches.
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var done = 0; done < extraTokens;)
        {
            var batch = Math.Min(5000, extraTokens - done);
            for (var i = 0; i < batch; i++)
            {
                var value = TokenFormat.Generate();
                db.PersonalAccessTokens.Add(new PersonalAccessToken
                {
                    Id = Guid.NewGuid(),
                    UserId = admin.Id,
                    Hash = TokenFormat.Hash(value),
                    DisplayPrefix = TokenFormat.DisplayPrefix(value),
                    Description = "filler",
                    Scopes = TokenScopes.Read,
                    CreatedAt = DateTime.UtcNow,
                    RevokedAt = RandomNumberGenerator.GetInt32(4) == 0 ? DateTime.UtcNow : null,
                });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            done += batch;
        }

        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", created.Value);
        _staticJson = await client.GetByteArrayAsync("/api/v1/me");
        return created.Value;
    }

    public async Task<int> CountTokensAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PersonalAccessTokens.CountAsync();
    }


    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(BenchShared.WebProject.Directory());
        builder.UseEnvironment("Production");
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");
        if (string.IsNullOrEmpty(postgres))
        {
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(root, "portal.db")}");
        }
        else
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Default", postgres);
        }

        builder.UseSetting("Email:PickupDirectory", Path.Combine(root, "mail"));
        BenchShared.LogFile.WriteLogTo(builder, Path.Combine(root, "logs", "portal-.log"));
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", "Bench!Passw0rd");
        // The per-token limiter would otherwise answer 429 to the load generator: measure the work, not the limit.
        builder.UseSetting("Api:RateLimit:PermitLimit", "1000000000");
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter>(_ => new PeerEndpoints(this));
            // The peers are no endpoints, so the product's fallback policy (a signed-in person for anything without
            // its own policy) would send them to the sign-in page. Every product endpoint, /api/v1/me included, has
            // a policy of its own and is unaffected.
            services.PostConfigure<AuthorizationOptions>(options => options.FallbackPolicy = null);
        });
    }

    /// <summary>
    /// Adds the two peers behind the app's whole pipeline: a request for them passes every middleware of the product
    /// (security headers, request logging, status pages, localization, routing, authentication, authorization, rate
    /// limiter) without matching an endpoint, and is answered here. Only the token check and the endpoint differ.
    /// </summary>
    private sealed class PeerEndpoints(BenchPortal portal) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/bench/me-anonymous", branch => branch.Run(async context =>
            {
                var services = context.RequestServices;
                var result = await MeEndpoints.ReadAsync(portal._adminId, context, services.GetRequiredService<ProfileService>(), services.GetRequiredService<AccountAttributeService>(), context.RequestAborted);
                await result.ExecuteAsync(context);
            }));
            app.Map("/bench/me-static", branch => branch.Run(context =>
                Results.Bytes(portal._staticJson, "application/json; charset=utf-8").ExecuteAsync(context)));
        };
    }
}
