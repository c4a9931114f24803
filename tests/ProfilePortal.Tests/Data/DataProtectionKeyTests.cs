using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Data;

/// <summary>Data Protection keys live in the database, so every app instance reads the cookies the others issued.</summary>
public class DataProtectionKeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SignInOnOneInstance_CookieWorksOnAnotherSharingTheDatabase()
    {
        var user = await factory.CreateUserAsync();
        var jar = new CookieContainer();
        var client = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar));
        await client.SignInAsync(user);
        var cookie = jar.GetCookieHeader(new Uri("http://localhost"));
        await using var second = new SharedDatabaseFactory(factory.DatabasePath);
        var other = second.CreateBrowserClient();
        other.DefaultRequestHeaders.Add("Cookie", cookie);

        var response = await other.GetAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(user.Email, await response.Content.ReadAsStringAsync());
        var keys = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync());
        Assert.Equal(1, keys);
    }

    [Fact]
    public async Task CertificateConfigured_KeysAreStoredEncrypted()
    {
        await using var encrypted = new CertificateFactory();
        _ = await encrypted.CreateBrowserClient().GetAsync("/Account/Login");

        var xml = await encrypted.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml).SingleAsync());

        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("<masterKey", xml);
    }

    private sealed class SharedDatabaseFactory(string path) : PortalFactory
    {
        public override string DatabasePath => path;
    }

    private sealed class CertificateFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var path = Path.Combine(Root, "keys.pfx");
                if (!File.Exists(path))
                {
                    using var rsa = RSA.Create(2048);
                    var request = new CertificateRequest("CN=ProfilePortal test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
                    Directory.CreateDirectory(Root);
                    File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "test"));
                }

                return new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "test" };
            }
        }
    }
}
