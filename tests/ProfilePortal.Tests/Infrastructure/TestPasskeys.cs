using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// A software authenticator holding one P-256 passkey: what a browser's navigator.credentials.get() would answer,
/// built by hand (authenticator data, client data, ECDSA signature), so the server's checks run for real without a
/// browser. Registration is not simulated: <see cref="TestPasskeys.AddPasskeyAsync"/> stores the public key the way a
/// completed registration would.
/// </summary>
public sealed class SoftwarePasskey : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private uint _signCount;

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);
    public string Id => Base64Url.EncodeToString(CredentialId);

    /// <summary>The COSE_Key (RFC 9053) of the public key: EC2, ES256, P-256, x, y. Hand-encoded CBOR map of five entries.</summary>
    public byte[] CosePublicKey
    {
        get
        {
            var p = _key.ExportParameters(includePrivateParameters: false);
            return [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. p.Q.X!, 0x22, 0x58, 0x20, .. p.Q.Y!];
        }
    }

    /// <summary>
    /// PublicKeyCredential.toJSON() of an assertion over <paramref name="requestOptionsJson"/>'s challenge, for
    /// <paramref name="origin"/>, signed as the authenticator of <paramref name="userId"/> would (user present and verified).
    /// </summary>
    public string Assert(string requestOptionsJson, Guid userId, string origin = "http://localhost", string? rpId = null)
    {
        var options = JsonNode.Parse(requestOptionsJson)!;
        var challenge = options["challenge"]!.GetValue<string>();
        rpId ??= options["rpId"]!.GetValue<string>();
        var clientData = JsonSerializer.SerializeToUtf8Bytes(new { type = "webauthn.get", challenge, origin, crossOrigin = false });
        _signCount++;
        byte[] authenticatorData =
        [
            .. SHA256.HashData(Encoding.UTF8.GetBytes(rpId)),
            0x05, // user present (0x01) and user verified (0x04)
            (byte)(_signCount >> 24), (byte)(_signCount >> 16), (byte)(_signCount >> 8), (byte)_signCount,
        ];
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return JsonSerializer.Serialize(new
        {
            id = Id,
            rawId = Id,
            type = "public-key",
            authenticatorAttachment = "platform",
            clientExtensionResults = new { },
            response = new
            {
                clientDataJSON = Base64Url.EncodeToString(clientData),
                authenticatorData = Base64Url.EncodeToString(authenticatorData),
                signature = Base64Url.EncodeToString(signature),
                userHandle = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(userId.ToString())),
            },
        });
    }

    public void Dispose() => _key.Dispose();
}

public static class TestPasskeys
{
    /// <summary>Stores <paramref name="passkey"/> as <paramref name="user"/>'s, named <paramref name="name"/>, as a completed registration would.</summary>
    public static Task AddPasskeyAsync(this PortalFactory factory, Guid user, SoftwarePasskey passkey, string name) => factory.InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var owner = await users.FindByIdAsync(user.ToString());
        var info = new UserPasskeyInfo(passkey.CredentialId, passkey.CosePublicKey, factory.Clock.GetUtcNow(), signCount: 0, transports: ["internal"],
            isUserVerified: true, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: [])
        {
            Name = name,
        };
        var result = await users.AddOrUpdatePasskeyAsync(owner!, info);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    });

    /// <summary>
    /// Every stored passkey of <paramref name="user"/>: "id|name|last used" (to the second: PostgreSQL keeps
    /// microseconds, the test clock ticks), in id order, to compare before and after.
    /// </summary>
    public static Task<List<string>> PasskeysOfAsync(this PortalFactory factory, Guid user) => factory.InScopeAsync(async sp =>
    {
        var rows = await sp.GetRequiredService<AppDbContext>().Set<AppUserPasskey>().AsNoTracking().Where(p => p.UserId == user).ToListAsync();
        return rows.Select(p => $"{Base64Url.EncodeToString(p.CredentialId)}|{p.Data.Name}|{p.LastUsedAt:yyyy-MM-dd HH:mm:ss}").Order(StringComparer.Ordinal).ToList();
    });

    /// <summary>Asks a page for passkey options as passkeys.js does: a POST with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostForOptionsAsync(this HttpClient client, string pageUrl, string handler, IDictionary<string, string>? fields = null)
    {
        var page = await client.GetPageAsync(pageUrl);
        if (page.Status != HttpStatusCode.OK) throw new InvalidOperationException($"GET {pageUrl} answered {(int)page.Status}");
        var separator = pageUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await client.PostWithTokenAsync(page, $"{pageUrl}{separator}handler={handler}", fields ?? new Dictionary<string, string>());
    }
}
