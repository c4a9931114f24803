using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Username;

/// <summary>Changes the username (SPEC 2.3). The old name stops working for sign-in at once: lookups use the stored name.</summary>
public sealed class UsernameChangeService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    IValidator<ChangeUsernameInput> validator,
    CurrentPasswordCheck currentPassword,
    SecurityLogService securityLog,
    IStringLocalizer<SharedResource> t)
{
    public async Task<ValidationResult> ChangeAsync(AppUser user, ChangeUsernameInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;

        var newName = input.NewUserName!.Trim();
        var oldName = user.UserName ?? "";
        if (string.Equals(newName, oldName, StringComparison.Ordinal))
            return Error(nameof(input.NewUserName), t["This is already your username."]);

        // The password first: without it, a borrowed session must not learn which usernames exist.
        switch (await currentPassword.VerifyAsync(user, input.CurrentPassword))
        {
            case CurrentPasswordResult.Wrong:
                return Error(nameof(input.CurrentPassword), t["The current password is incorrect."]);
            case CurrentPasswordResult.LockedOut:
                return Error(nameof(input.CurrentPassword), currentPassword.LockedOutMessage);
        }

        // A quick answer for the common case; the unique index below settles races.
        var holder = await userManager.FindByNameAsync(newName);
        if (holder is not null && holder.Id != user.Id)
            return Error(nameof(input.NewUserName), t["This username is taken. Choose another."]);

        IdentityResult result;
        try
        {
            result = await userManager.SetUserNameAsync(user, newName);
        }
        catch (DbUpdateException)
        {
            // Someone took the name between the check and the save: the unique index refused the second writer.
            await db.Entry(user).ReloadAsync(cancellationToken);
            return Error(nameof(input.NewUserName), t["This username is taken. Choose another."]);
        }

        if (!result.Succeeded)
        {
            await db.Entry(user).ReloadAsync(cancellationToken);
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName))
                ? Error(nameof(input.NewUserName), t["This username is taken. Choose another."])
                : result.ToValidationResult(nameof(input.NewUserName));
        }

        await securityLog.RecordAsync(user.Id, SecurityEventType.UsernameChanged, $"{oldName} → {newName}", cancellationToken: cancellationToken);
        return validation;
    }

    private static ValidationResult Error(string field, string message) => ValidationErrors.Failure(field, message);
}
