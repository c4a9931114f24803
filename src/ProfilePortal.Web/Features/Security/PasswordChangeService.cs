using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Security;

/// <summary>Field-level errors (field name without the "Input." prefix) or success with how many sessions ended.</summary>
public sealed record PasswordChangeResult(IReadOnlyList<(string Field, string Message)> Errors, int OtherSessionsEnded)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Changes a signed-in person's password (SPEC 2.4). Nothing changes unless every check passes.</summary>
public sealed class PasswordChangeService(
    UserManager<AppUser> userManager,
    CurrentPasswordCheck currentPassword,
    PasswordRules rules,
    SessionService sessions,
    SecurityLogService securityLog,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    public async Task<PasswordChangeResult> ChangeAsync(AppUser user, ChangePasswordInput input, Guid? currentSessionId, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrEmpty(input.CurrentPassword))
            errors.Add((nameof(input.CurrentPassword), t["Enter your current password."]));
        if (string.IsNullOrEmpty(input.NewPassword))
        {
            errors.Add((nameof(input.NewPassword), t["Enter a new password."]));
        }
        else
        {
            if (input.NewPassword == input.CurrentPassword)
                errors.Add((nameof(input.NewPassword), t["The new password must be different from the current one."]));
            var unmet = rules.Unmet(input.NewPassword);
            if (unmet.Count > 0)
                errors.Add((nameof(input.NewPassword), t["The new password does not meet these rules: {0}.", string.Join("; ", unmet.Select(r => r.Description))]));
            if (input.NewPassword != input.ConfirmPassword)
                errors.Add((nameof(input.ConfirmPassword), t["The new password and its confirmation do not match."]));
        }

        if (errors.Count > 0) return new PasswordChangeResult(errors, 0);

        switch (await currentPassword.VerifyAsync(user, input.CurrentPassword))
        {
            case CurrentPasswordResult.Wrong:
                return new PasswordChangeResult([(nameof(input.CurrentPassword), t["The current password is incorrect."])], 0);
            case CurrentPasswordResult.LockedOut:
                return new PasswordChangeResult([(nameof(input.CurrentPassword), currentPassword.LockedOutMessage)], 0);
        }

        var changed = await userManager.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!);
        if (!changed.Succeeded)
            return new PasswordChangeResult(changed.Errors.Select(e => (nameof(input.NewPassword), e.Description)).ToList(), 0);

        user.LastPasswordChangeAt = clock.GetUtcNow().UtcDateTime;
        await userManager.UpdateAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasswordChanged, cancellationToken: cancellationToken);
        var ended = input.SignOutOtherSessions ? await sessions.EndOthersAsync(user.Id, currentSessionId, cancellationToken) : 0;
        return new PasswordChangeResult([], ended);
    }
}
