using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Username;

public sealed record UsernameChangeResult(IReadOnlyList<(string Field, string Message)> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Changes the username (SPEC 2.3). The old name stops working for sign-in at once: lookups use the stored name.</summary>
public sealed class UsernameChangeService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    ChangeUsernameInputValidator validator,
    CurrentPasswordCheck currentPassword,
    SecurityLogService securityLog,
    IStringLocalizer<SharedResource> t)
{
    public async Task<UsernameChangeResult> ChangeAsync(AppUser user, ChangeUsernameInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
            return new UsernameChangeResult(validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList());

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
                : new UsernameChangeResult(result.Errors.Select(e => (nameof(input.NewUserName), e.Description)).ToList());
        }

        await securityLog.RecordAsync(user.Id, SecurityEventType.UsernameChanged, $"{oldName} → {newName}", cancellationToken: cancellationToken);
        return new UsernameChangeResult([]);
    }

    private static UsernameChangeResult Error(string field, string message) => new([(field, message)]);
}
