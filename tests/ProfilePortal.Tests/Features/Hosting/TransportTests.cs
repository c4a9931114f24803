using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Hosting;

/// <summary>Portal:PublicBaseUrl over https: __Host- Secure cookies, HTTPS redirection, HSTS (SPEC 3, issue 11).</summary>
public class HttpsTransportTests(HttpsTransportTests.HttpsPortal factory) : IClassFixture<HttpsTransportTests.HttpsPortal>
{
    private const string Origin = "https://accounts.example.test";

    public sealed class HttpsPortal : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = Origin };
    }

    [Fact]
    public async Task SignIn_OverHttps_EveryCookieIsHostPrefixedSecureAndRootPath()
    {
        var user = await factory.CreateUserAsync();
        var client = Client(Origin);

        var form = await client.GetAsync("/Account/Login");
        var signIn = await client.SignInAsync(user.UserName, user.Password);
        var signOut = await client.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).Concat(signOut.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-ProfilePortal.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-ProfilePortal.Auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-ProfilePortal.TempData=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c, StringComparison.Ordinal);
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Get_OverPlainHttp_RedirectsToHttps()
    {
        var response = await Client("http://accounts.example.test").GetAsync("/Account/Login?returnUrl=%2FSettings");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(Origin + "/Account/Login?returnUrl=%2FSettings", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_OverHttps_SendsHsts()
    {
        var response = await Client(Origin).GetAsync("/Account/Login");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Get_ForeignHost_Refused()
    {
        var response = await Client("https://evil.example").GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient Client(string baseAddress) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(baseAddress),
    });
}

/// <summary>Over plain http (local runs): plain names, no redirection, no HSTS; no-store on everything personal.</summary>
public class TransportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Get_OverHttp_NoRedirectNoHsts()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("/Settings/Profile")]
    [InlineData("/Settings/Tokens")]
    [InlineData("/Settings/Sessions")]
    public async Task Get_SignedInPage_IsNeverStored(string url)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task Api_AnyAnswer_IsNeverStored()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);

        var ok = await factory.ApiClient(token.Value).GetAsync("/api/v1/me");
        var refused = await factory.ApiClient(null).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(ok.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.True(refused.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Get_StaticFile_KeepsItsOwnCaching()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
    }
}

/// <summary>Production refuses to start without the public address, with a message that names the setting.</summary>
public class PublicBaseUrlRequiredTests
{
    private sealed class ProductionWithoutPublicAddress : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:PublicBaseUrl"] = "" };

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public async Task Start_ProductionWithoutPublicBaseUrl_FailsNamingTheSetting()
    {
        await using var factory = new ProductionWithoutPublicAddress();

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Portal:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>On a real server: no Server header names the software.</summary>
public class ServerHeaderTests(ProfilePortal.Tests.Pages.Settings.Avatar.StartedKestrelPortal portal) : IClassFixture<ProfilePortal.Tests.Pages.Settings.Avatar.StartedKestrelPortal>
{
    [Fact]
    public async Task Get_RealServer_SendsNoServerHeader()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress };

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : []));
    }
}
