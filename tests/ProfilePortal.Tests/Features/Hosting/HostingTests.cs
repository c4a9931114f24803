using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Hosting;

public class HostingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task GetHealthz_Anonymous_ShowsTheStatusOnly()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["status"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("libvips", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetHealthz_Administrator_SeesEachCheck()
    {
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.Administrator));

        using var json = JsonDocument.Parse(await admin.GetStringAsync("/healthz"));

        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("imaging").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetHealthz_Member_ShowsTheStatusOnly()
    {
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        using var json = JsonDocument.Parse(await member.GetStringAsync("/healthz"));

        Assert.False(json.RootElement.TryGetProperty("checks", out _));
    }

    /// <summary>The database gone (a lost volume or server), or empty (a restore to the wrong place): 503 either way.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetHealthz_DatabaseGoneOrWithoutTheSchema_ReportsUnhealthyWith503(bool emptyInstead)
    {
        await using var broken = new LostDatabaseFactory(emptyInstead);

        var response = await broken.CreateBrowserClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        Assert.False(json.RootElement.TryGetProperty("checks", out _));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/does-not-exist")]
    public async Task AnyResponse_CarriesSecurityHeaders(string url)
    {
        var response = await factory.CreateBrowserClient().GetAsync(url);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptsOrStyles()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        foreach (var url in new[] { "/Settings/Profile", "/Account/Logout", "/Account/ForgotPassword" })
        {
            var page = await client.GetPageAsync(url);
            Assert.All(page.Document.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.Document.QuerySelectorAll("[style]"));
            Assert.Empty(page.Document.QuerySelectorAll("style"));
        }
    }

    [Fact]
    public async Task SignIn_SetsHttpOnlySameSiteCookies()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();

        var response = await client.SignInAsync(user.UserName, user.Password);

        var auth = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ProfilePortal.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Get_UnknownPage_SignedIn_Shows404Page()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var response = await client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no page at this address.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownPage_Anonymous_GoesToSignIn()
    {
        // Authorization by default covers addresses with no page too: an anonymous visitor cannot map what exists.
        var response = await factory.CreateBrowserClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login?ReturnUrl=", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_StaticFile_Anonymous_IsServed()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_Page_HtmlHasLanguageAndDirection()
    {
        var page = await factory.CreateBrowserClient().GetPageAsync("/Account/Login");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.Document.DocumentElement.GetAttribute("dir"));
    }

    /// <summary>Start-up migrates the real database; then it "goes away" (or is replaced by an empty one).</summary>
    private sealed class LostDatabaseFactory(bool emptyInstead) : PortalFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
                services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(_ => new LoseDatabaseAfterStart(this, emptyInstead)));
        }
    }

    /// <summary>
    /// Takes the database away after start-up: on SQLite a directory is put where the file was, so nothing can open it,
    /// or an empty file; on PostgreSQL the database is dropped, or dropped and created again empty.
    /// </summary>
    private sealed class LoseDatabaseAfterStart(PortalFactory factory, bool emptyInstead) : Microsoft.Extensions.Hosting.IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (TestDatabase.IsPostgres)
            {
                await TestDatabase.DropPostgresDatabaseAsync(factory.DatabaseName);
                if (emptyInstead) TestDatabase.CreatePostgresDatabase(factory.DatabaseName);
                return;
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(factory.DatabasePath + suffix);
            if (emptyInstead) await File.WriteAllBytesAsync(factory.DatabasePath, [], cancellationToken);
            else Directory.CreateDirectory(factory.DatabasePath);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
