using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Passkeys;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Accounts;

public sealed partial class SignInService
{
    /// <summary>
    /// Signs in the owner of a passkey that has just answered this browser's challenge (PasskeyService.VerifyAsync).
    /// A passkey with user verification is possession plus PIN or biometrics, so it satisfies two-factor: no second
    /// step follows. Disabled and locked accounts are refused as the password sign-in refuses them; the passkey already
    /// proved who is asking, so saying "disabled" tells them nothing they do not know.
    /// </summary>
    public async Task<SignInOutcome> PasskeySignInAsync(VerifiedPasskey passkey)
    {
        var user = passkey.User;
        if (user.DisabledAt is not null || !await signInManager.CanSignInAsync(user))
        {
            if (await RecordRefusalAsync(user.Id, SecurityEventType.SignInWhileDisabled)) LogDisabled(logger, user.Id);
            return SignInOutcome.Disabled;
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            if (await RecordRefusalAsync(user.Id, SecurityEventType.SignInWhileLocked)) LogLockedOut(logger, user.Id);
            return SignInOutcome.LockedOut;
        }

        // "amr" as Identity's own two-factor sign-in sets it: this session passed more than one factor.
        await signInManager.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false }, [new Claim("amr", "mfa")]);
        await RecordLastSignInAsync(user);
        await db.RecordPasskeyUseAsync(passkey, clock);
        await securityLog.RecordAsync(user.Id, SecurityEventType.SignInWithPasskey, passkey.Name);
        LogSignedInWithPasskey(logger, user.Id);
        return SignInOutcome.Succeeded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} signed in with a passkey")]
    private static partial void LogSignedInWithPasskey(ILogger logger, Guid userId);
}
