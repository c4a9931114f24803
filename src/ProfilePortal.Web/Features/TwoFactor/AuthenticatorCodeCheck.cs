using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.TwoFactor;

public enum AuthenticatorCodeResult
{
    Correct,
    Wrong,
    LockedOut,
}

/// <summary>
/// An authenticator code instead of the password, from a person already signed in (re-authentication, turning
/// two-factor off). As with the password (CurrentPasswordCheck), wrong codes count towards the sign-in lockout, so a
/// borrowed session cannot be used to guess codes.
/// </summary>
public sealed class AuthenticatorCodeCheck(UserManager<AppUser> users, SecurityLogService securityLog)
{
    public async Task<AuthenticatorCodeResult> VerifyAsync(AppUser user, string? code)
    {
        if (await users.IsLockedOutAsync(user)) return AuthenticatorCodeResult.LockedOut;
        if (await users.GetTwoFactorEnabledAsync(user)
            && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code ?? ""))
        {
            return AuthenticatorCodeResult.Correct;
        }

        await securityLog.RecordAsync(user.Id, SecurityEventType.TwoFactorFailed);
        await users.AccessFailedAsync(user);
        if (!await users.IsLockedOutAsync(user)) return AuthenticatorCodeResult.Wrong;
        await securityLog.RecordAsync(user.Id, SecurityEventType.AccountLockedOut);
        return AuthenticatorCodeResult.LockedOut;
    }
}
