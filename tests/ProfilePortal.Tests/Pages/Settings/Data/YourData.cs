using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Data;

/// <summary>The journeys of /Settings/Data as a person takes them, and what the tests plant to look for afterwards.</summary>
internal static class YourData
{
    public const string Url = "/Settings/Data";

    public static async Task<HttpResponseMessage> ExportAsync(HttpClient client)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("Export"), new Dictionary<string, string>(), Url);
    }

    public static async Task<JsonDocument> ExportJsonAsync(HttpClient client)
    {
        var response = await ExportAsync(client);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string confirmation)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("Delete"), new Dictionary<string, string> { ["Input.Confirmation"] = confirmation }, Url);
    }

    public static async Task<HttpResponseMessage> WithdrawAsync(HttpClient client)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("Withdraw"), new Dictionary<string, string>(), Url);
    }

    /// <summary>Turns two-factor on with a fresh authenticator key and ten recovery codes; returns the key and the codes.</summary>
    public static Task<(string Key, IReadOnlyList<string> Codes)> EnableTwoFactorAsync(this PortalFactory factory, Guid userId)
        => factory.InScopeAsync<(string, IReadOnlyList<string>)>(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            var key = (await users.GetAuthenticatorKeyAsync(user))!;
            var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
            await users.SetTwoFactorEnabledAsync(user, true);
            return (key, codes);
        });

    /// <summary>A passkey row as Identity's passkey store writes it, with recognisable key material.</summary>
    public static Task<AppUserPasskey> AddPasskeyAsync(this PortalFactory factory, Guid userId, string name)
        => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var passkey = new AppUserPasskey
            {
                UserId = userId,
                CredentialId = Guid.NewGuid().ToByteArray(),
                Data = new IdentityPasskeyData
                {
                    Name = name,
                    PublicKey = Guid.NewGuid().ToByteArray(),
                    CreatedAt = factory.Clock.GetUtcNow(),
                    SignCount = 1,
                    Transports = ["internal"],
                    IsUserVerified = true,
                    IsBackupEligible = false,
                    IsBackedUp = false,
                    AttestationObject = Guid.NewGuid().ToByteArray(),
                    ClientDataJson = Guid.NewGuid().ToByteArray(),
                },
            };
            db.UserPasskeys.Add(passkey);
            await db.SaveChangesAsync();
            return passkey;
        });

    /// <summary>An uploaded avatar's row, as the avatar page leaves it.</summary>
    public static Task AddAvatarAsync(this PortalFactory factory, Guid userId)
        => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var user = await db.Users.FirstAsync(u => u.Id == userId);
            user.HasAvatar = true;
            user.AvatarVersion = 1;
            db.UserAvatars.Add(new UserAvatar { UserId = userId, Image512 = [1, 2, 3], Image128 = [4, 5, 6], Version = 1, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    public static Task<T> DbAsync<T>(this PortalFactory factory, Func<AppDbContext, Task<T>> query)
        => factory.InScopeAsync(sp => query(sp.GetRequiredService<AppDbContext>()));
}
