using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

/// <summary>Password sign-in by email or username, with lockout (SPEC 2.10).</summary>
public sealed partial class SignInService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    SecurityLogService securityLog,
    TimeProvider clock,
    ILogger<SignInService> logger)
{
    public async Task<SignInOutcome> PasswordSignInAsync(string login, string password, bool rememberMe)
    {
        var user = await FindByLoginAsync(login);
        if (user is null)
        {
            return SignInOutcome.InvalidCredentials;
        }

        var wasLockedOut = await userManager.IsLockedOutAsync(user);
        // Unlike the Identity UI template (lockoutOnFailure: false), every failure counts towards the lockout.
        var result = await signInManager.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await RecordLastSignInAsync(user);
            await securityLog.RecordAsync(user.Id, SecurityEventType.SignInSucceeded);
            LogSignedIn(logger, user.Id);
            return SignInOutcome.Succeeded;
        }

        if (result.IsLockedOut)
        {
            if (wasLockedOut)
            {
                await securityLog.RecordAsync(user.Id, SecurityEventType.SignInWhileLocked);
            }
            else
            {
                // This failure was the one that locked the account.
                await securityLog.RecordAsync(user.Id, SecurityEventType.SignInFailed);
                await securityLog.RecordAsync(user.Id, SecurityEventType.AccountLockedOut);
            }

            LogLockedOut(logger, user.Id);
            return SignInOutcome.LockedOut;
        }

        if (result.IsNotAllowed)
        {
            await securityLog.RecordAsync(user.Id, SecurityEventType.SignInWhileDisabled);
            LogDisabled(logger, user.Id);
            return SignInOutcome.Disabled;
        }

        await securityLog.RecordAsync(user.Id, SecurityEventType.SignInFailed);
        LogFailed(logger, user.Id);
        return SignInOutcome.InvalidCredentials;
    }

    /// <summary>
    /// A direct UPDATE of one column: going through UserManager would check the concurrency stamp, and two devices
    /// signing in to one account at the same moment would fail each other.
    /// </summary>
    private async Task RecordLastSignInAsync(AppUser user)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, now));
        var entry = db.Entry(user);
        entry.Property(u => u.LastSignInAt).CurrentValue = now;
        entry.Property(u => u.LastSignInAt).OriginalValue = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in")]
    private static partial void LogSignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: user {UserId} is locked out")]
    private static partial void LogLockedOut(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused: user {UserId} is disabled")]
    private static partial void LogDisabled(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in for user {UserId}")]
    private static partial void LogFailed(ILogger logger, Guid userId);

    /// <summary>An "@" means an email address (usernames cannot contain one); otherwise the username.</summary>
    public async Task<AppUser?> FindByLoginAsync(string login)
    {
        login = login.Trim();
        if (login.Length == 0) return null;
        return login.Contains('@', StringComparison.Ordinal)
            ? await userManager.FindByEmailAsync(login)
            : await userManager.FindByNameAsync(login);
    }
}
