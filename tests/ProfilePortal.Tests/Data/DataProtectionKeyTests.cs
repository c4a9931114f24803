using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task KeyRowWrittenBeforeThePackage_IsStillReadByTheKeyRing()
    {
        // The rows of the portal's own repository (FriendlyName, the key's XML), as a database made by an earlier
        // version holds them: a payload protected with that key must still open (sign-in cookies, reset links).
        var earlierKeys = Directory.CreateDirectory(Path.Combine(factory.Root, "earlier-keys"));
        var earlier = DataProtectionProvider.Create(earlierKeys, b => b.SetApplicationName("ProfilePortal"));
        var protectedByEarlierKey = earlier.CreateProtector("test").Protect("written by the earlier version");
        var keyFile = earlierKeys.GetFiles("key-*.xml").Single();
        var friendlyName = Path.GetFileNameWithoutExtension(keyFile.Name);
        var xml = System.Xml.Linq.XElement.Load(keyFile.FullName).ToString(System.Xml.Linq.SaveOptions.DisableFormatting);
        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync(
            $"INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES ({friendlyName}, {xml})"));
        // A node started after the row was written loads the whole ring from the table.
        await using var laterNode = new SecondNodeFactory(factory);

        var text = laterNode.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedByEarlierKey);

        Assert.Equal("written by the earlier version", text);
    }

    private const string UnencryptedWarning = "Data Protection keys are stored unencrypted in the database";

    [Fact]
    public async Task ProductionStart_WithoutCertificate_WarnsThatKeysAreUnencrypted()
    {
        await using var production = new ProductionFactory(withCertificate: false);

        _ = production.Server;

        Assert.Contains(production.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains(UnencryptedWarning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProductionStart_WithCertificate_DoesNotWarn()
    {
        await using var production = new ProductionFactory(withCertificate: true);

        _ = production.Server;

        Assert.DoesNotContain(production.Logs.Lines, l => l.Contains(UnencryptedWarning, StringComparison.Ordinal));
    }

    [Fact]
    public void NonProductionStart_WithoutCertificate_DoesNotWarn()
    {
        _ = factory.Server;

        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(UnencryptedWarning, StringComparison.Ordinal));
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
