using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// Data Protection keys live in the database, so every app instance reads the cookies the others issued (shown across
/// two nodes by Features/Persistence/TwoNodeTests); here: how the keys are stored.
/// </summary>
public class DataProtectionKeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task CertificateConfigured_KeysAreStoredEncrypted()
    {
        await using var encrypted = new CertificateFactory();
        _ = await encrypted.CreateBrowserClient().GetAsync("/Account/Login");

        var xml = await encrypted.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml).SingleAsync());

        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("<masterKey", xml);
    }

    private const string UnencryptedWarning = "Data Protection keys are stored unencrypted in the database";

    [Fact]
    public async Task ProductionStart_WithoutCertificate_WarnsThatKeysAreUnencrypted()
    {
        await using var production = new ProductionFactory(withCertificate: false);

        _ = production.Server;

        Assert.Contains(production.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains(UnencryptedWarning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProductionStart_WithCertificate_DoesNotWarn()
    {
        await using var production = new ProductionFactory(withCertificate: true);

        _ = production.Server;

        Assert.DoesNotContain(production.Logs.GetSnapshot(), r => r.Message.Contains(UnencryptedWarning, StringComparison.Ordinal));
    }

    [Fact]
    public void NonProductionStart_WithoutCertificate_DoesNotWarn()
    {
        _ = factory.Server;

        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Message.Contains(UnencryptedWarning, StringComparison.Ordinal));
    }

    private sealed class ProductionFactory(bool withCertificate) : CertificateFactory
    {
        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = withCertificate ? base.Settings : new Dictionary<string, string?>();
                settings["Portal:PublicBaseUrl"] = "http://localhost";
                return settings;
            }
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private class CertificateFactory : PortalFactory
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
