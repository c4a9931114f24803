// Tool of bench/scim.sh: creates a provisioning token on a running portal's database, and provisions people through
// /scim/v2/Users as an identity provider does. See bench/README.md.
//
//   token <admin email> <name>
//       creates a provisioning token named <name> through the product's ProvisioningTokenService, as the administrator
//       <admin email> would on /Admin/Provisioning; prints "BENCH-TOKEN <value>"
//   provision <base url> <token> <users> <clients> <run>
//       POST /scim/v2/Users for <users> people (Microsoft Entra ID's create body: userName UPN, externalId, name, work
//       email, title, enterprise department and organization, active) from <clients> concurrent clients, each with its
//       own connection, taking the next person when its previous request is answered; every answer must be 201.
//       Prints "BENCH-RESULT provision ..." (requests, errors, seconds, requests/s, p50/p95/p99/max in ms)
//   lookup <base url> <token> <users> <requests> <clients> <run>
//       GET /scim/v2/Users?filter=userName eq "..." (what Entra ID and Okta ask before each create) for people chosen at
//       random among the <users> provisioned; every answer must be 200 with totalResults 1. Prints "BENCH-RESULT lookup ..."
//
// The token command builds the app's services through WebApplicationFactory on the database the environment variables
// name (as the server got them), without a server; the other commands are HTTP clients only.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;

namespace ScimBench;

internal static class Bench
{
    private const string ScimJson = "application/scim+json";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["token", var adminEmail, var name]:
                Console.WriteLine("BENCH-TOKEN " + await CreateTokenAsync(adminEmail, name));
                return 0;
            case ["provision", var url, var token, var users, var clients, var run]:
                return await ProvisionAsync(new Uri(url), token, Int(users), Int(clients), run);
            case ["lookup", var url, var token, var users, var requests, var clients, var run]:
                return await LookupAsync(new Uri(url), token, Int(users), Int(requests), Int(clients), run);
            default:
                Console.Error.WriteLine("usage: ScimBench token <admin email> <name> | provision <url> <token> <users> <clients> <run> | lookup <url> <token> <users> <requests> <clients> <run>");
                return 2;
        }
    }

    private static int Int(string value) => int.Parse(value, Invariant);

    private static async Task<string> CreateTokenAsync(string adminEmail, string name)
    {
        await using var app = new ServicesOnly();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = adminEmail.ToUpperInvariant();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized);
        var (created, validation) = await scope.ServiceProvider.GetRequiredService<ProvisioningTokenService>().CreateAsync(admin.Id, name, CancellationToken.None);
        return created?.Value ?? throw new InvalidOperationException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
    }

    private static async Task<int> ProvisionAsync(Uri baseUrl, string token, int users, int clients, string run)
    {
        var next = -1;
        var results = await RunClientsAsync(baseUrl, token, clients, async (http, samples, errors) =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < users)
            {
                using var content = new StringContent(CreateBody(i, run), Encoding.UTF8, ScimJson);
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsync("scim/v2/Users", content);
                var body = await response.Content.ReadAsStringAsync();
                samples.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.Created) errors.Add($"POST user {i}: {(int)response.StatusCode} {Shorten(body)}");
            }
        });
        return Report("provision", results);
    }

    private static async Task<int> LookupAsync(Uri baseUrl, string token, int users, int requests, int clients, string run)
    {
        var next = -1;
        var results = await RunClientsAsync(baseUrl, token, clients, async (http, samples, errors) =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                var i = Random.Shared.Next(users);
                var filter = Uri.EscapeDataString($"userName eq \"{UserName(i, run)}\"");
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync("scim/v2/Users?filter=" + filter);
                var body = await response.Content.ReadAsStringAsync();
                samples.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK || (int?)JsonNode.Parse(body)?["totalResults"] != 1)
                    errors.Add($"GET user {i}: {(int)response.StatusCode} {Shorten(body)}");
            }
        });
        return Report("lookup", results);
    }

    private sealed record Results(List<double> Samples, List<string> Errors, TimeSpan Elapsed);

    /// <summary>Runs <paramref name="clients"/> clients at once, each with its own connection, until each one's loop ends.</summary>
    private static async Task<Results> RunClientsAsync(Uri baseUrl, string token, int clients, Func<HttpClient, List<double>, List<string>, Task> loop)
    {
        var perClient = Enumerable.Range(0, clients).Select(_ => (Samples: new List<double>(), Errors: new List<string>())).ToList();
        var https = perClient.Select(_ =>
        {
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = baseUrl,
                Timeout = TimeSpan.FromSeconds(60),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(ScimJson));
            return http;
        }).ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(perClient.Select((c, i) => Task.Run(() => loop(https[i], c.Samples, c.Errors))));
        var elapsed = watch.Elapsed;
        foreach (var http in https) http.Dispose();
        return new Results(perClient.SelectMany(c => c.Samples).Order().ToList(), perClient.SelectMany(c => c.Errors).ToList(), elapsed);
    }

    private static int Report(string name, Results results)
    {
        var s = results.Samples;
        foreach (var error in results.Errors.Take(10)) Console.WriteLine("BENCH-ERROR " + error);
        Console.WriteLine(string.Create(Invariant,
            $"BENCH-RESULT {name} requests={s.Count} errors={results.Errors.Count} seconds={results.Elapsed.TotalSeconds:F1} rps={s.Count / results.Elapsed.TotalSeconds:F1} p50={Percentile(s, 50):F1} p95={Percentile(s, 95):F1} p99={Percentile(s, 99):F1} max={(s.Count == 0 ? 0 : s[^1]):F1}"));
        return results.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>Nearest rank of sorted samples.</summary>
    private static double Percentile(List<double> sorted, int p)
        => sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static readonly string[] GivenNames = ["Adele", "Alex", "Diego", "Grady", "Henrietta", "Isaiah", "Johanna", "Joni", "Lee", "Lidia", "Lynne", "Megan", "Miriam", "Nestor", "Patti", "Pradeep"];
    private static readonly string[] FamilyNames = ["Vance", "Wilber", "Siciliani", "Archie", "Mueller", "Langer", "Lorenz", "Sherman", "Gu", "Holloway", "Robbins", "Bowen", "Graham", "Wilke", "Fernandez", "Gupta"];
    private static readonly string[] Titles = ["Marketing Manager", "Retail Manager", "Engineer", "Attorney", "Product Manager", "Sales Representative", "Accountant", "Designer"];
    private static readonly string[] Departments = ["Marketing", "Retail", "Engineering", "Legal", "Product", "Sales", "Finance", "Design", "Operations", "Research", "Support", "Human Resources"];

    /// <summary>A UPN as Entra ID sends it: not a valid portal username, so the portal derives one (SPEC 2.3 rules).</summary>
    private static string UserName(int i, string run) => string.Create(Invariant, $"{Given(i).ToLowerInvariant()}.{Family(i).ToLowerInvariant()}{i}.{run}@contoso.example");

    private static string Given(int i) => GivenNames[i % GivenNames.Length];
    private static string Family(int i) => FamilyNames[i / GivenNames.Length % FamilyNames.Length];

    /// <summary>The body Microsoft Entra ID sends to create a user with its default attribute mappings.</summary>
    private static string CreateBody(int i, string run)
    {
        var userName = UserName(i, run);
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            ["externalId"] = DeterministicGuid(i, run).ToString(),
            ["userName"] = userName,
            ["active"] = true,
            ["displayName"] = $"{Given(i)} {Family(i)}",
            ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = userName }),
            ["meta"] = new JsonObject { ["resourceType"] = "User" },
            ["name"] = new JsonObject { ["formatted"] = $"{Given(i)} {Family(i)}", ["familyName"] = Family(i), ["givenName"] = Given(i) },
            ["title"] = Titles[i % Titles.Length],
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] = new JsonObject
            {
                ["department"] = Departments[i % Departments.Length],
                ["organization"] = "Contoso",
            },
        };
        return body.ToJsonString();
    }

    /// <summary>The directory's object id: stable for a person of a run, so a re-run body is the same.</summary>
    private static Guid DeterministicGuid(int i, string run)
        => new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(run + "/" + i.ToString(Invariant)))[..16]);
}

/// <summary>The real app's services on the configured database, with no server and no background workers.</summary>
internal sealed class ServicesOnly : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(BenchShared.WebProject.Directory());
        builder.UseEnvironment("Production");
        builder.UseSetting("Portal:PublicBaseUrl", "http://127.0.0.1");
        builder.UseSetting("Notifications:Worker:Enabled", "false");
    }
}
