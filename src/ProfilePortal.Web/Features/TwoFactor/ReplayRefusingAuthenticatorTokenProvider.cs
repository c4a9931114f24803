using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>
/// Checks authenticator codes (RFC 6238) in place of Identity's provider, which reads the wall clock and accepts the
/// same code again and again within its window. Here the clock is TimeProvider, the current step and one either side
/// are accepted (clock drift), and a code is accepted once: its step must be later than the last step accepted for
/// the person, and the acceptance is one conditional UPDATE, so two requests or two nodes cannot both accept it.
/// </summary>
public sealed class ReplayRefusingAuthenticatorTokenProvider(AppDbContext db, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user)
        => !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app computes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var code = Normalize(token);
        if (code.Length != Totp.Digits || !code.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;

        var keyBytes = Totp.DecodeBase32(key);
        var typed = Encoding.ASCII.GetBytes(code);
        var now = Totp.TimeStep(clock.GetUtcNow());
        long? matched = null;
        // Every candidate is compared, in constant time, whichever matches: the time taken says nothing about the code.
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(keyBytes, step)), typed)) matched = step;
        }

        return matched is { } accepted && await AcceptOnceAsync(user, accepted);
    }

    /// <summary>Records the step as used, unless it (or a later one) already is; true when this call recorded it.</summary>
    private async Task<bool> AcceptOnceAsync(AppUser user, long step)
    {
        var recorded = await db.Users
            .Where(u => u.Id == user.Id && (u.LastAuthenticatorTimeStep == null || u.LastAuthenticatorTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAuthenticatorTimeStep, step));
        if (recorded != 1) return false;

        // Stored already: a later save of the loaded user must neither write it again nor see a conflict.
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.LastAuthenticatorTimeStep).CurrentValue = step;
            entry.Property(u => u.LastAuthenticatorTimeStep).OriginalValue = step;
        }
        else
        {
            user.LastAuthenticatorTimeStep = step;
        }

        return true;
    }

    /// <summary>Apps and people write codes as "123 456" or "123-456".</summary>
    public static string Normalize(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
