using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Security;

public enum CurrentPasswordResult
{
    Correct,
    Wrong,
    LockedOut,
}

/// <summary>
/// Re-checks the password before a sensitive change. Wrong guesses count towards the same lockout as sign-in,
/// so a borrowed or stolen session cannot be used to guess the password.
/// </summary>
public sealed class CurrentPasswordCheck(SignInManager<AppUser> signInManager, SecurityLogService securityLog, IStringLocalizer<SharedResource> t)
{
    /// <summary>What the person reads under the password field after <see cref="CurrentPasswordResult.LockedOut"/>.</summary>
    public string LockedOutMessage
        => t["Too many wrong passwords: the account is locked for {0} minutes.", LockoutDuration.Minutes(signInManager.Options)];

    public async Task<CurrentPasswordResult> VerifyAsync(AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return CurrentPasswordResult.Wrong;
        // While locked, Identity refuses without checking the password: nothing new to record (the lockout already is).
        if (await signInManager.UserManager.IsLockedOutAsync(user)) return CurrentPasswordResult.LockedOut;
        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded) return CurrentPasswordResult.Correct;
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasswordConfirmationFailed);
        if (result.IsLockedOut)
        {
            // This failure is the one that locked the account.
            await securityLog.RecordAsync(user.Id, SecurityEventType.AccountLockedOut);
            return CurrentPasswordResult.LockedOut;
        }

        return CurrentPasswordResult.Wrong;
    }
}
