using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Administration;

/// <summary>
/// What an administrator does to another person's account (SPEC 2.9). Each change goes through UserManager (so the
/// account's stamp changes and the person's sessions pick up new claims at once), is refused with a message when the
/// input is bad or the last-administrator guard says no (a ValidationResult whose failures name the input's field, or
/// none for the whole form), and is written to the admin audit and the person's security log with the actor's id: an
/// administrator's, or a provisioning token's when SCIM makes the change (ScimUserService). Guard and change run in one serializable transaction
/// (AdministratorGuard.BeginGuardedChangeAsync), so two administrators demoting each other cannot both succeed; the
/// logs are written after the commit.
/// </summary>
public sealed partial class UserAdminService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    AdministratorGuard guard,
    AdminAuditService audit,
    TokenService tokens,
    IValidator<ChangeEmailInput> emailValidator,
    IValidator<LockInput> lockValidator,
    TimeZoneCatalog zones,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t,
    ILogger<UserAdminService> logger)
{
    public async Task<ValidationResult> ChangeEmailAsync(Guid actorId, AppUser user, ChangeEmailInput input, CancellationToken cancellationToken)
    {
        var validation = await emailValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;

        var email = input.Email!.Trim();
        var oldEmail = user.Email ?? "";
        // Unique regardless of case: Identity looks the address up by its upper-case normalized form.
        var holder = await userManager.FindByEmailAsync(email);
        if (holder is not null && holder.Id != user.Id)
            return ValidationErrors.Failure(nameof(input.Email), t["This email address belongs to another account."]);
        if (string.Equals(email, oldEmail, StringComparison.Ordinal) && user.EmailConfirmed == input.MarkVerified)
            return ValidationErrors.Failure(nameof(input.Email), t["This is already the email address of this account."]);

        user.Email = email;
        user.EmailConfirmed = input.MarkVerified;
        user.EmailVerifiedAt = input.MarkVerified ? clock.GetUtcNow().UtcDateTime : null;
        IdentityResult result;
        try
        {
            // Saves the fields above, normalizing the email and checking it is unique. The new security stamp voids
            // password-reset links mailed to the old address; sessions do not depend on it, so they stay.
            result = await userManager.UpdateSecurityStampAsync(user);
        }
        catch (DbUpdateException)
        {
            // Another account took the address between the check and the save: the unique index refused it.
            await db.Entry(user).ReloadAsync(cancellationToken);
            return ValidationErrors.Failure(nameof(input.Email), t["This email address belongs to another account."]);
        }

        if (!result.Succeeded)
        {
            await db.Entry(user).ReloadAsync(cancellationToken);
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateEmail))
                ? ValidationErrors.Failure(nameof(input.Email), t["This email address belongs to another account."])
                : result.ToValidationResult(nameof(input.Email));
        }

        var detail = $"{oldEmail} → {email}" + (input.MarkVerified ? " (verified)" : " (unverified)");
        // The alert goes to the new address (the account's email now) and to the old one, which may be the person's only way to notice.
        await audit.RecordOnPersonAsync(actorId, AdminAction.EmailChanged, user.Id, SecurityEventType.EmailChangedByAdmin, detail, oldEmail.Length == 0 ? null : oldEmail, cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.EmailChanged), user.Id);
        return Valid;
    }

    /// <summary>Locks sign-in until the start of <see cref="LockInput.Until"/> in the administrator's zone, or until unlocked.</summary>
    public async Task<ValidationResult> LockAsync(Guid actorId, string actorTimeZone, AppUser user, LockInput input, CancellationToken cancellationToken)
    {
        var zone = zones.Find(actorTimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var context = new ValidationContext<LockInput>(input);
        context.RootContextData[LockInputValidator.TodayKey] = today;
        var validation = await lockValidator.ValidateAsync(context, cancellationToken);
        if (!validation.IsValid) return validation;

        DateTimeOffset until;
        string detail;
        if (input.Until is { } day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            until = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
            detail = "until " + until.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }
        else
        {
            until = DateTimeOffset.MaxValue;
            detail = "until unlocked";
        }

        int ended;
        await using (var transaction = await guard.BeginGuardedChangeAsync(cancellationToken))
        {
            if (await guard.IsLastActiveAdministratorAsync(user.Id, cancellationToken))
                return ValidationErrors.Failure("", LastAdministratorMessage(user));

            // Identity refuses a lockout end for accounts with lockout turned off; an administrator's lock always applies.
            user.LockoutEnabled = true;
            Check(await userManager.SetLockoutEndDateAsync(user, until));
            ended = input.EndSessions ? await EndAllSessionsAsync(user.Id, cancellationToken) : 0;
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordOnPersonAsync(actorId, AdminAction.AccountLocked, user.Id, SecurityEventType.AccountLockedByAdmin, detail, cancellationToken: cancellationToken);
        if (input.EndSessions)
            await audit.RecordOnPersonAsync(actorId, AdminAction.SessionsEnded, user.Id, SecurityEventType.SessionsEndedByAdmin, Count(ended), cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.AccountLocked), user.Id);
        return Valid;
    }

    /// <summary>Ends a lock (an administrator's or the failed-sign-in one) and resets the failure count.</summary>
    public async Task UnlockAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        Check(await userManager.SetLockoutEndDateAsync(user, null));
        Check(await userManager.ResetAccessFailedCountAsync(user));
        await audit.RecordOnPersonAsync(actorId, AdminAction.AccountUnlocked, user.Id, SecurityEventType.AccountUnlockedByAdmin, cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.AccountUnlocked), user.Id);
    }

    /// <summary>
    /// A disabled person cannot sign in (PortalSignInManager) and every session of theirs is refused on its next
    /// request (the session store reads DisabledAt); the session rows are deleted too, so none is listed as active.
    /// </summary>
    public async Task<ValidationResult> DisableAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        if (user.DisabledAt is not null) return Valid;
        int ended;
        await using (var transaction = await guard.BeginGuardedChangeAsync(cancellationToken))
        {
            if (await guard.IsLastActiveAdministratorAsync(user.Id, cancellationToken))
                return ValidationErrors.Failure("", LastAdministratorMessage(user));

            user.DisabledAt = clock.GetUtcNow().UtcDateTime;
            Check(await userManager.UpdateAsync(user));
            ended = await EndAllSessionsAsync(user.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordOnPersonAsync(actorId, AdminAction.AccountDisabled, user.Id, SecurityEventType.AccountDisabled, Count(ended), cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.AccountDisabled), user.Id);
        return Valid;
    }

    public async Task EnableAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        if (user.DisabledAt is null) return;
        user.DisabledAt = null;
        Check(await userManager.UpdateAsync(user));
        await audit.RecordOnPersonAsync(actorId, AdminAction.AccountEnabled, user.Id, SecurityEventType.AccountEnabled, cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.AccountEnabled), user.Id);
    }

    /// <summary>True when giving <paramref name="user"/> the role would take users.manage away from them (a demotion).</summary>
    public async Task<bool> IsDemotionAsync(AppUser user, Guid roleId, CancellationToken cancellationToken)
    {
        var current = await db.UserRoles.Where(ur => ur.UserId == user.Id).Select(ur => ur.RoleId).ToListAsync(cancellationToken);
        var holdsNow = false;
        foreach (var id in current) holdsNow |= await guard.HoldsUsersManageAsync(id, cancellationToken);
        return holdsNow && !await guard.HoldsUsersManageAsync(roleId, cancellationToken);
    }

    /// <summary>Each person has one role; giving a new one replaces the old.</summary>
    public Task<ValidationResult> ChangeRoleAsync(Guid actorId, AppUser user, Guid roleId, CancellationToken cancellationToken)
        => ChangeRolesAsync(actorId, [new RoleChange(user, roleId)], cancellationToken);

    /// <summary>
    /// Several people's roles in one guarded transaction, all or none (SCIM group membership; the actor is then the
    /// provisioning token's id). Promotions are applied before demotions, so that handing administration from one
    /// person to another in one request passes the last-administrator guard.
    /// </summary>
    public async Task<ValidationResult> ChangeRolesAsync(Guid actorId, IReadOnlyList<RoleChange> changes, CancellationToken cancellationToken)
    {
        var roleNames = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var applied = new List<(AppUser User, IList<string> OldRoles, string NewRole)>();
        await using (var transaction = await guard.BeginGuardedChangeAsync(cancellationToken))
        {
            var pending = new List<(AppUser User, IList<string> OldRoles, string NewRole, bool Demotion)>();
            foreach (var (user, roleId) in changes)
            {
                if (roleNames.GetValueOrDefault(roleId) is not { } roleName) return ValidationErrors.Failure("RoleId", t["Choose one of the roles."]);
                var oldRoles = await userManager.GetRolesAsync(user);
                if (oldRoles.Count == 1 && oldRoles[0] == roleName) continue;
                pending.Add((user, oldRoles, roleName, await IsDemotionAsync(user, roleId, cancellationToken)));
            }

            foreach (var (user, oldRoles, roleName, demotion) in pending.OrderBy(c => c.Demotion))
            {
                // Leaving without commit rolls back the changes made so far.
                if (demotion && await guard.IsLastActiveAdministratorAsync(user.Id, cancellationToken))
                    return ValidationErrors.Failure("RoleId", LastAdministratorMessage(user));

                if (oldRoles.Count > 0) Check(await userManager.RemoveFromRolesAsync(user, oldRoles));
                Check(await userManager.AddToRoleAsync(user, roleName));
                applied.Add((user, oldRoles, roleName));
            }

            if (applied.Count == 0) return Valid;
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (user, oldRoles, roleName) in applied)
        {
            var detail = $"{(oldRoles.Count == 0 ? "none" : string.Join(", ", oldRoles))} → {roleName}";
            await audit.RecordOnPersonAsync(actorId, AdminAction.RoleChanged, user.Id, SecurityEventType.RoleChanged, detail, cancellationToken: cancellationToken);
            LogAction(logger, actorId, nameof(AdminAction.RoleChanged), user.Id);
        }

        return Valid;
    }

    /// <summary>Organization and department; a department implies its organization.</summary>
    public async Task<ValidationResult> ChangeMembershipAsync(Guid actorId, AppUser user, Guid? organizationId, Guid? departmentId, CancellationToken cancellationToken)
    {
        Organization? organization = null;
        if (organizationId is { } orgId)
        {
            organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgId, cancellationToken);
            if (organization is null) return ValidationErrors.Failure("OrganizationId", t["Choose one of the organizations."]);
        }

        Department? department = null;
        if (departmentId is { } deptId)
        {
            department = await db.Departments.AsNoTracking().Include(d => d.Organization).FirstOrDefaultAsync(d => d.Id == deptId, cancellationToken);
            if (department is null) return ValidationErrors.Failure("DepartmentId", t["Choose one of the departments."]);
            if (organization is not null && department.OrganizationId != organization.Id)
                return ValidationErrors.Failure("DepartmentId", t["This department belongs to another organization."]);
            organization ??= department.Organization;
        }

        if (user.OrganizationId == organization?.Id && user.DepartmentId == department?.Id) return Valid;
        user.OrganizationId = organization?.Id;
        user.DepartmentId = department?.Id;
        Check(await userManager.UpdateAsync(user));
        var detail = $"{organization?.Name ?? "no organization"} / {department?.Name ?? "no department"}";
        await audit.RecordOnPersonAsync(actorId, AdminAction.MembershipChanged, user.Id, SecurityEventType.MembershipChanged, detail, cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.MembershipChanged), user.Id);
        return Valid;
    }

    /// <summary>Signs the person out everywhere: each session is refused on its next request.</summary>
    public async Task<int> EndSessionsAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        var ended = await EndAllSessionsAsync(user.Id, cancellationToken);
        await audit.RecordOnPersonAsync(actorId, AdminAction.SessionsEnded, user.Id, SecurityEventType.SessionsEndedByAdmin, Count(ended), cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.SessionsEnded), user.Id);
        return ended;
    }

    /// <summary>Revokes every active API token of the person; each is refused from its next request.</summary>
    public async Task<int> RevokeTokensAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        // TokenService writes the person's security log with the administrator as actor; the audit is written here.
        var revoked = await tokens.RevokeAllAsync(user.Id, actorId, cancellationToken);
        await audit.RecordAsync(actorId, AdminAction.TokensRevoked, revoked.ToString(CultureInfo.InvariantCulture) + " tokens",
            targetUserId: user.Id, cancellationToken: cancellationToken);
        LogAction(logger, actorId, nameof(AdminAction.TokensRevoked), user.Id);
        return revoked;
    }

    private static ValidationResult Valid => new();

    private Task<int> EndAllSessionsAsync(Guid userId, CancellationToken cancellationToken)
        => db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    private string LastAdministratorMessage(AppUser user)
        => t["{0} is the last active administrator. Make someone else an administrator first.", user.FullName];

    private static string Count(int sessions) => sessions.ToString(CultureInfo.InvariantCulture) + " sessions";

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Account update failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator or provisioning token {ActorId}: {Action} on user {UserId}")]
    private static partial void LogAction(ILogger logger, Guid actorId, string action, Guid userId);
}

/// <summary>Give <see cref="User"/> the role <see cref="RoleId"/> (replacing their role).</summary>
public sealed record RoleChange(AppUser User, Guid RoleId);
