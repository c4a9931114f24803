using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Security;

/// <summary>The input's errors, or success with how many other sessions ended.</summary>
public sealed record PasswordChangeResult(ValidationResult Validation, int OtherSessionsEnded);

/// <summary>Changes a signed-in person's password (SPEC 2.4). Nothing changes unless every check passes.</summary>
public sealed class PasswordChangeService(
    UserManager<AppUser> userManager,
    CurrentPasswordCheck currentPassword,
    IValidator<ChangePasswordInput> validator,
    SessionService sessions,
    SecurityLogService securityLog,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t)
{
    public async Task<PasswordChangeResult> ChangeAsync(AppUser user, ChangePasswordInput input, Guid? currentSessionId, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return new PasswordChangeResult(validation, 0);

        switch (await currentPassword.VerifyAsync(user, input.CurrentPassword))
        {
            case CurrentPasswordResult.Wrong:
                return new PasswordChangeResult(ValidationErrors.Failure(nameof(input.CurrentPassword), t["The current password is incorrect."]), 0);
            case CurrentPasswordResult.LockedOut:
                return new PasswordChangeResult(ValidationErrors.Failure(nameof(input.CurrentPassword), currentPassword.LockedOutMessage), 0);
        }

        var changed = await userManager.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!);
        if (!changed.Succeeded)
            return new PasswordChangeResult(changed.ToValidationResult(nameof(input.NewPassword)), 0);

        user.LastPasswordChangeAt = clock.GetUtcNow().UtcDateTime;
        await userManager.UpdateAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasswordChanged, cancellationToken: cancellationToken);
        var ended = input.SignOutOtherSessions ? await sessions.EndOthersAsync(user.Id, currentSessionId, cancellationToken) : 0;
        return new PasswordChangeResult(validation, ended);
    }
}
