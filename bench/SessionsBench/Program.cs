// Benchmark host for bench/sessions.sh. See bench/README.md.
//
//   serve [timeoutSeconds]   start the real app twice on 127.0.0.1 (free ports, Production environment, a temp
//                            SQLite file each, the seeded admin from BENCH_ADMIN_EMAIL / BENCH_ADMIN_PASSWORD):
//                            "stock" as configured (server-side sessions through the ticket store) and "plain"
//                            with CookieAuthenticationOptions.SessionStore = null for the application cookie
//                            (the whole ticket in the cookie). Prints "BENCH-URL stock <url>" and
//                            "BENCH-URL plain <url>", then runs until stdin closes or the timeout (default 900 s).
//   hash [count]             times PasswordHasher<AppUser>.VerifyHashedPassword as the app resolves it (Identity v3
//                            format, iteration count read from PasswordHasherOptions), single-threaded and on 2
//                            threads; count verifications per thread (default 200).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace SessionsBench;

internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        var mode = args.Length > 0 ? args[0] : "serve";
        var root = Path.Combine(Path.GetTempPath(), "profileportal-sessionsbench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            return mode switch
            {
                "serve" => await ServeAsync(root, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 900, args.Length > 2 ? args[2] : "both"),
                "hash" => await HashAsync(root, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200),
                _ => Usage(),
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static int Usage()
    {
        Console.Error.WriteLine("usage: SessionsBench serve [timeoutSeconds] [both|stock|plain] | hash [verificationsPerThread]");
        return 2;
    }

    /// <summary>
    /// <paramref name="which"/>: "both" (one process serving both, as before) or "stock" / "plain" alone, so that the
    /// script can give each its own process: two apps in one process share its GC and thread pool, and whichever ran
    /// second in a round paid for the first.
    /// </summary>
    static async Task<int> ServeAsync(string root, int timeoutSeconds, string which)
    {
        if (which is not ("both" or "stock" or "plain")) return Usage();
        var portals = new List<(string Name, BenchPortal Portal)>();
        if (which is "both" or "stock") portals.Add(("stock", new BenchPortal(Path.Combine(root, "stock"), plainCookie: false)));
        if (which is "both" or "plain") portals.Add(("plain", new BenchPortal(Path.Combine(root, "plain"), plainCookie: true)));
        try
        {
            foreach (var (_, portal) in portals) portal.Start();
            foreach (var (name, portal) in portals) Console.WriteLine($"BENCH-URL {name} {portal.BaseAddress}");
            Console.Out.Flush();
            await WaitForStdinOrTimeoutAsync(timeoutSeconds);
            return 0;
        }
        finally
        {
            foreach (var (_, portal) in portals) await portal.DisposeAsync();
        }
    }

    static async Task WaitForStdinOrTimeoutAsync(int timeoutSeconds)
    {
        // Run until the script closes our stdin (or the timeout, so a lost script never leaves servers behind).
        var stdinClosed = Task.Run(() => { while (Console.In.ReadLine() is not null) { } });
        var finished = await Task.WhenAny(stdinClosed, Task.Delay(TimeSpan.FromSeconds(timeoutSeconds)));
        Console.WriteLine(finished == stdinClosed ? "BENCH stdin closed, stopping" : "BENCH timeout, stopping");
    }

    static async Task<int> HashAsync(string root, int perThread)
    {
        // The hasher and its options as the app's container resolves them (the app does not configure them: the
        // Identity defaults, v3 format).
        await using var portal = new BenchPortal(Path.Combine(root, "hash"), plainCookie: false);
        var services = portal.Services;
        var hasher = services.GetRequiredService<IPasswordHasher<AppUser>>();
        var options = services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        var user = new AppUser { UserName = "bench", Email = "bench@example.com" };
        const string password = "Bench!Passw0rd";
        var hash = hasher.HashPassword(user, password);
        var bytes = Convert.FromBase64String(hash);
        Console.WriteLine($"hasher: {hasher.GetType().FullName}, compatibility mode {options.CompatibilityMode}, " +
                          $"IterationCount {options.IterationCount}, format marker 0x{bytes[0]:X2}" +
                          $" (PRF {(bytes.Length > 5 ? ReadUInt32(bytes, 1) : 0)}: 0=HMACSHA1 1=HMACSHA256 2=HMACSHA512)," +
                          $" iterations stored in the hash {ReadUInt32(bytes, 5)}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores visible to .NET");

        void Verify(int n)
        {
            for (var i = 0; i < n; i++)
            {
                if (hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Success)
                    throw new InvalidOperationException("verification failed");
            }
        }

        Verify(10); // warm-up (JIT, OpenSSL init)
        for (var pass = 1; pass <= 2; pass++)
        {
            var sw = Stopwatch.StartNew();
            Verify(perThread);
            sw.Stop();
            var single = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: 1 thread : {perThread} verifications in {single / 1000:F2} s = {single / perThread:F1} ms/verification, {perThread / (single / 1000):F1} verifications/s"));

            using var start = new Barrier(2);
            sw.Restart();
            var threads = Enumerable.Range(0, 2).Select(_ => new Thread(() => { start.SignalAndWait(); Verify(perThread); })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            sw.Stop();
            var both = sw.Elapsed.TotalMilliseconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: 2 threads: {2 * perThread} verifications in {both / 1000:F2} s = {both / perThread:F1} ms/verification per thread, {2 * perThread / (both / 1000):F1} verifications/s"));
        }

        return 0;
    }

    static uint ReadUInt32(byte[] b, int offset)
        => (uint)(b[offset] << 24 | b[offset + 1] << 16 | b[offset + 2] << 8 | b[offset + 3]);
}

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a port the OS picks), Production environment, its own SQLite file,
/// the seeded admin. With plainCookie the application cookie carries the whole ticket (no session store).
/// </summary>
internal sealed class BenchPortal : WebApplicationFactory<global::Program>
{
    private readonly string _root;
    private readonly bool _plainCookie;

    public BenchPortal(string root, bool plainCookie)
    {
        _root = root;
        _plainCookie = plainCookie;
        Directory.CreateDirectory(root);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.Single());
    }


    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(BenchShared.WebProject.Directory());
        builder.UseEnvironment("Production");
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_root, "portal.db")}");
        builder.UseSetting("Email:PickupDirectory", Path.Combine(_root, "mail"));
        BenchShared.LogFile.WriteLogTo(builder, Path.Combine(_root, "logs", "portal-.log"));
        builder.UseSetting("Seed:AdminEmail", Environment.GetEnvironmentVariable("BENCH_ADMIN_EMAIL") ?? "bench-admin@example.com");
        builder.UseSetting("Seed:AdminPassword", Environment.GetEnvironmentVariable("BENCH_ADMIN_PASSWORD") ?? "Bench!Passw0rd");
        if (_plainCookie)
        {
            builder.ConfigureServices(services =>
                services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.SessionStore = null));
        }
    }
}
