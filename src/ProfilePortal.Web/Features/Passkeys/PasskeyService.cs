using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Passkeys;

/// <summary>One passkey as the passkeys page lists it; <see cref="Id"/> is the credential id, base64url.</summary>
public sealed record PasskeyListing(string Id, string Name, DateTime CreatedAt, DateTime? LastUsedAt);

public enum PasskeyRemoval
{
    Removed,
    NotFound,
    /// <summary>No password and no other passkey: removing it would lock the person out.</summary>
    LastWayToSignIn,
}

/// <summary>A passkey that answered a challenge: whose it is, its id and name (its sign count is already stored).</summary>
public sealed record VerifiedPasskey(AppUser User, byte[] CredentialId, string Name);

public static class PasskeyUse
{
    /// <summary>
    /// When a passkey last signed someone in or confirmed a session: one UPDATE of one column. Identity does not
    /// record it, and a read-modify-save would race other devices of the same person.
    /// </summary>
    public static Task RecordPasskeyUseAsync(this AppDbContext db, VerifiedPasskey passkey, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<AppUserPasskey>()
            .Where(p => p.UserId == passkey.User.Id && p.CredentialId == passkey.CredentialId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedAt, now));
    }
}

/// <summary>
/// Passkeys (SPEC 2.4) over Identity's passkey APIs: SignInManager makes the options and checks the browser's answers
/// (challenge, origin, relying party id, signature, sign count), UserManager stores them. The name a person gives a
/// passkey is Identity's own <see cref="UserPasskeyInfo.Name"/>, so there is one name, not a copy to keep in step.
/// </summary>
public sealed partial class PasskeyService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    SecurityLogService securityLog,
    TimeProvider clock,
    ILogger<PasskeyService> logger)
{
    public async Task<IReadOnlyList<PasskeyListing>> ListAsync(AppUser user)
    {
        var stored = await db.Set<AppUserPasskey>().AsNoTracking().Where(p => p.UserId == user.Id).ToListAsync();
        return stored
            .Select(p => new PasskeyListing(Base64Url.EncodeToString(p.CredentialId), p.Data.Name ?? "", p.Data.CreatedAt.UtcDateTime, p.LastUsedAt))
            .OrderBy(p => p.CreatedAt)
            .ToList();
    }

    public Task<int> CountAsync(Guid userId) => db.Set<AppUserPasskey>().CountAsync(p => p.UserId == userId);

    /// <summary>How many passkeys the signed-in person has (0 when signed out).</summary>
    public Task<int> CountAsync(ClaimsPrincipal principal)
        => Guid.TryParse(userManager.GetUserId(principal), out var userId) ? CountAsync(userId) : Task.FromResult(0);

    /// <summary>
    /// The options for navigator.credentials.create(); the challenge is kept by Identity in a short-lived encrypted
    /// cookie for <see cref="AddAsync"/>. The person's existing passkeys are excluded, so one authenticator is not
    /// registered twice.
    /// </summary>
    public Task<string> CreationOptionsAsync(AppUser user)
        => signInManager.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id.ToString(),
            Name = user.UserName ?? user.Email ?? user.Id.ToString(),
            DisplayName = DisplayName(user),
        });

    /// <summary>Checks the browser's answer to the creation options and stores the passkey under <paramref name="name"/>; false when it is not valid.</summary>
    public async Task<bool> AddAsync(AppUser user, string name, string credentialJson)
    {
        PasskeyAttestationResult result;
        try
        {
            result = await signInManager.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No creation is under way in this browser (no options were asked for, or the answer was already used).
            LogRejected(logger, user.Id, "no passkey creation under way");
            return false;
        }

        // The options were made for this person; an answer made for someone else (another tab's sign-in) is refused.
        if (!result.Succeeded || result.UserEntity.Id != user.Id.ToString())
        {
            LogRejected(logger, user.Id, result.Failure?.Message ?? "made for another account");
            return false;
        }

        result.Passkey.Name = name;
        var stored = await userManager.AddOrUpdatePasskeyAsync(user, result.Passkey);
        if (!stored.Succeeded) return false;
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasskeyAdded, name);
        LogAdded(logger, user.Id);
        return true;
    }

    /// <summary>Renames one of <paramref name="user"/>'s passkeys; false when they have none with that id.</summary>
    public async Task<bool> RenameAsync(AppUser user, string? id, string name)
    {
        if (Decode(id) is not { } credentialId || await userManager.GetPasskeyAsync(user, credentialId) is not { } passkey) return false;
        passkey.Name = name;
        if (!(await userManager.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded) return false;
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasskeyRenamed, name);
        return true;
    }

    public async Task<PasskeyRemoval> RemoveAsync(AppUser user, string? id)
    {
        if (Decode(id) is not { } credentialId || await userManager.GetPasskeyAsync(user, credentialId) is not { } passkey)
            return PasskeyRemoval.NotFound;
        if (!await userManager.HasPasswordAsync(user) && await CountAsync(user.Id) <= 1) return PasskeyRemoval.LastWayToSignIn;
        if (!(await userManager.RemovePasskeyAsync(user, credentialId)).Succeeded) return PasskeyRemoval.NotFound;
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasskeyRemoved, passkey.Name);
        LogRemoved(logger, user.Id);
        return PasskeyRemoval.Removed;
    }

    /// <summary>The options for navigator.credentials.get(): any passkey of this site (sign-in), or only <paramref name="user"/>'s (re-authentication).</summary>
    public Task<string> RequestOptionsAsync(AppUser? user) => signInManager.MakePasskeyRequestOptionsAsync(user);

    /// <summary>
    /// Checks the browser's answer to the request options: a valid signature by a stored passkey over this browser's
    /// challenge. On success the passkey's sign count is stored (Identity's clone detection); null when the answer is not
    /// valid. Whether its owner may sign in is the caller's question; the caller records the use once it is accepted.
    /// </summary>
    public async Task<VerifiedPasskey?> VerifyAsync(string? credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson)) return null;
        PasskeyAssertionResult<AppUser> result;
        try
        {
            result = await signInManager.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            // No request is under way in this browser (no options asked for, or the answer was already used).
            LogAssertionRejected(logger, "no passkey request under way");
            return null;
        }

        if (!result.Succeeded)
        {
            LogAssertionRejected(logger, result.Failure.Message);
            return null;
        }

        if (!(await userManager.AddOrUpdatePasskeyAsync(result.User, result.Passkey)).Succeeded) return null;
        return new VerifiedPasskey(result.User, result.Passkey.CredentialId, result.Passkey.Name ?? "");
    }

    /// <summary>Re-authentication with a passkey: only one of the signed-in person's own passkeys counts.</summary>
    public async Task<VerifiedPasskey?> VerifyForAsync(AppUser user, string? credentialJson)
    {
        if (await VerifyAsync(credentialJson) is not { } verified || verified.User.Id != user.Id) return null;
        await db.RecordPasskeyUseAsync(verified, clock);
        return verified;
    }

    private static string DisplayName(AppUser user) => user.FullName.Length > 0 ? user.FullName : user.UserName ?? "";

    /// <summary>The credential id of a form field; null when it is not base64url (then it names no passkey).</summary>
    private static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1024) return null;
        try
        {
            return Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} added a passkey")]
    private static partial void LogAdded(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} removed a passkey")]
    private static partial void LogRemoved(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "New passkey of user {UserId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passkey answer refused: {Reason}")]
    private static partial void LogAssertionRejected(ILogger logger, string reason);
}
