using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Features.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,

    /// <summary>The password was right and two-factor is on: the second step (LoginWith2fa) comes next.</summary>
    RequiresTwoFactor,

    /// <summary>A second step without a pending first one (its cookie expired or never was): sign in again.</summary>
    NoPendingSignIn,
}

/// <summary>Password sign-in by email or username, with lockout (SPEC 2.10).</summary>
public sealed partial class SignInService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    IPasswordHasher<AppUser> passwordHasher,
    UnknownAccountPasswordHash unknownAccountHash,
    UnusableLoginLockout unusableLogins,
    SecurityLogService securityLog,
    IOptions<ThrottlingOptions> throttling,
    TimeProvider clock,
    ILogger<SignInService> logger)
{
    public async Task<SignInOutcome> PasswordSignInAsync(string login, string password, bool rememberMe)
    {
        var user = await FindByLoginAsync(login);
        if (user is null || user.DisabledAt is not null) return await UnusableLoginRefusedAsync(user, NormalizeLogin(login), password);

        var wasLockedOut = await userManager.IsLockedOutAsync(user);
        // Unlike the Identity UI template (lockoutOnFailure: false), every failure counts towards the lockout.
        var result = await signInManager.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await CompleteSignInAsync(user);
            return SignInOutcome.Succeeded;
        }

        // Nothing is recorded yet: the sign-in is complete only after the second step.
        if (result.RequiresTwoFactor) return SignInOutcome.RequiresTwoFactor;

        return await RefusedAsync(user, result, wasLockedOut, SecurityEventType.SignInFailed);
    }

    /// <summary>
    /// A login that matches no account, or a disabled one: refused with the answers and the time of a wrong password for
    /// an account, five of them included, which lock it out like an account's (SPEC 2.10). Only the right password of a
    /// disabled account learns "disabled".
    /// </summary>
    private async Task<SignInOutcome> UnusableLoginRefusedAsync(AppUser? disabled, string normalizedLogin, string password)
    {
        // A locked account is refused before its password is verified (Identity's pre-sign-in check), so is this one.
        if (unusableLogins.IsLockedOut(normalizedLogin))
        {
            if (disabled is not null && await RecordRefusalAsync(disabled.Id, SecurityEventType.SignInWhileDisabled)) LogDisabled(logger, disabled.Id);
            else if (disabled is null) LogUnknownLogin(logger);
            return SignInOutcome.LockedOut;
        }

        bool correct;
        if (disabled is null)
        {
            // One verification at the cost of a stored hash; the result does not matter.
            passwordHasher.VerifyHashedPassword(new AppUser(), unknownAccountHash.Get(passwordHasher), password);
            correct = false;
            LogUnknownLogin(logger);
        }
        else
        {
            // Identity would refuse a disabled account before it looks at the password: checking it first gives a wrong
            // one the answer of an unknown login.
            correct = await userManager.CheckPasswordAsync(disabled, password);
            if (await RecordRefusalAsync(disabled.Id, SecurityEventType.SignInWhileDisabled)) LogDisabled(logger, disabled.Id);
        }

        if (correct) return SignInOutcome.Disabled;
        return unusableLogins.RecordFailure(normalizedLogin) ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials;
    }

    /// <summary>
    /// The second step with an authenticator code (after PasswordSignInAsync answered RequiresTwoFactor). A wrong code
    /// counts towards the same lockout as a wrong password (Identity counts it).
    /// </summary>
    public async Task<SignInOutcome> TwoFactorSignInAsync(string code, bool rememberMe, bool rememberBrowser)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user) return SignInOutcome.NoPendingSignIn;
        var wasLockedOut = await userManager.IsLockedOutAsync(user);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(ReplayRefusingAuthenticatorTokenProvider.Normalize(code), rememberMe, rememberBrowser);
        if (result.Succeeded)
        {
            await CompleteSignInAsync(user);
            return SignInOutcome.Succeeded;
        }

        return await RefusedAsync(user, result, wasLockedOut, SecurityEventType.TwoFactorFailed);
    }

    /// <summary>
    /// The second step with a recovery code, which is then used up. Identity does not count wrong recovery codes; here
    /// they count towards the lockout like wrong authenticator codes, and a locked account is refused first.
    /// </summary>
    public async Task<SignInOutcome> RecoveryCodeSignInAsync(string code)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user) return SignInOutcome.NoPendingSignIn;
        var wasLockedOut = await userManager.IsLockedOutAsync(user);
        if (wasLockedOut || !await signInManager.CanSignInAsync(user))
            return await RefusedAsync(user, wasLockedOut ? SignInResult.LockedOut : SignInResult.NotAllowed, wasLockedOut, SecurityEventType.TwoFactorFailed);

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            await CompleteSignInAsync(user);
            var left = await userManager.CountRecoveryCodesAsync(user);
            await securityLog.RecordAsync(user.Id, SecurityEventType.RecoveryCodeUsed, left.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return SignInOutcome.Succeeded;
        }

        await userManager.AccessFailedAsync(user);
        return await RefusedAsync(user, await userManager.IsLockedOutAsync(user) ? SignInResult.LockedOut : SignInResult.Failed, wasLockedOut, SecurityEventType.TwoFactorFailed);
    }

    /// <summary>A refused password or second step: the lockout, a disabled account, or a wrong password or code.</summary>
    private async Task<SignInOutcome> RefusedAsync(AppUser user, SignInResult result, bool wasLockedOut, SecurityEventType failure)
    {
        if (result.IsLockedOut)
        {
            if (!wasLockedOut)
            {
                // This failure was the one that locked the account.
                await securityLog.RecordAsync(user.Id, failure);
                await securityLog.RecordAsync(user.Id, SecurityEventType.AccountLockedOut);
                LogLockedOut(logger, user.Id);
            }
            else if (await RecordRefusalAsync(user.Id, SecurityEventType.SignInWhileLocked))
            {
                LogLockedOut(logger, user.Id);
            }

            return SignInOutcome.LockedOut;
        }

        if (result.IsNotAllowed)
        {
            if (await RecordRefusalAsync(user.Id, SecurityEventType.SignInWhileDisabled)) LogDisabled(logger, user.Id);
            return SignInOutcome.Disabled;
        }

        await securityLog.RecordAsync(user.Id, failure);
        if (failure == SecurityEventType.TwoFactorFailed) LogTwoFactorFailed(logger, user.Id);
        else LogFailed(logger, user.Id);
        return SignInOutcome.InvalidCredentials;
    }

    /// <summary>What every completed sign-in records, whatever proved it.</summary>
    private async Task CompleteSignInAsync(AppUser user)
    {
        await RecordLastSignInAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventType.SignInSucceeded);
        LogSignedIn(logger, user.Id);
    }

    /// <summary>Anyone can repeat a refused sign-in endlessly: the person's log gets it once per interval, not every time.</summary>
    private Task<bool> RecordRefusalAsync(Guid userId, SecurityEventType type)
        => securityLog.RecordAtMostOncePerAsync(userId, type, throttling.Value.RefusedSignInLogInterval);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in for user {UserId}: wrong two-factor code")]
    private static partial void LogTwoFactorFailed(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in for user {UserId}")]
    private static partial void LogFailed(ILogger logger, Guid userId);

    // Never the login itself: people type passwords into the login field.
    [LoggerMessage(Level = LogLevel.Information, Message = "Failed sign-in: no account matches the login")]
    private static partial void LogUnknownLogin(ILogger logger);

    /// <summary>The login as the lookups compare it (trimmed, normalized as stored): the key the throttle counts attempts by.</summary>
    public string NormalizeLogin(string login)
    {
        login = login.Trim();
        return (login.Contains('@', StringComparison.Ordinal) ? userManager.NormalizeEmail(login) : userManager.NormalizeName(login)) ?? "";
    }

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
