using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.PersonalData;

public enum DeletionOutcome
{
    /// <summary>Nothing changed; the validation result says why.</summary>
    Refused,

    /// <summary>The request waits for an administrator (Accounts:Deletion = AdminApproval).</summary>
    Requested,

    /// <summary>The account is gone.</summary>
    Deleted,
}

public sealed record DeletionResult(DeletionOutcome Outcome, ValidationResult Validation);

/// <summary>
/// "Delete my account" and its administrator side (SPEC 2.8c). Deleting removes the account row, and with it (foreign
/// keys with ON DELETE CASCADE) its sessions, API tokens, avatar, passkeys, Identity claims, logins and tokens (the
/// authenticator key and recovery codes) and roles. The security log and the admin audit stay, with the person's id
/// only: their personal particulars are blanked in the same transaction. The last active administrator cannot go.
/// </summary>
public sealed partial class AccountDeletionService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    AdministratorGuard guard,
    SecurityLogService securityLog,
    AdminAuditService audit,
    IValidator<DeleteAccountInput> validator,
    IOptionsMonitor<AccountDeletionOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t,
    ILogger<AccountDeletionService> logger)
{
    public AccountDeletionMode Mode => options.CurrentValue.Deletion;

    /// <summary>The person's own "Delete my account": deletes at once or files the request, as the setting says.</summary>
    public async Task<DeletionResult> RequestAsync(AppUser user, DeleteAccountInput input, CancellationToken cancellationToken)
    {
        var context = new ValidationContext<DeleteAccountInput>(input);
        context.RootContextData[DeleteAccountInputValidator.UserNameKey] = user.UserName ?? "";
        var validation = await validator.ValidateAsync(context, cancellationToken);
        if (!validation.IsValid) return new DeletionResult(DeletionOutcome.Refused, validation);

        if (Mode == AccountDeletionMode.Immediate)
        {
            var deleted = await DeleteAsync(user, actorId: null, requirePendingRequest: false, OwnLastAdministratorMessage(), cancellationToken);
            return new DeletionResult(deleted.IsValid ? DeletionOutcome.Deleted : DeletionOutcome.Refused, deleted);
        }

        // A request that could never be approved is refused now rather than left waiting.
        if (await guard.IsLastActiveAdministratorAsync(user.Id, cancellationToken))
            return new DeletionResult(DeletionOutcome.Refused, ValidationErrors.Failure("", OwnLastAdministratorMessage()));
        if (user.DeletionRequestedAt is not null) return new DeletionResult(DeletionOutcome.Requested, Valid);

        user.DeletionRequestedAt = clock.GetUtcNow().UtcDateTime;
        Check(await userManager.UpdateAsync(user));
        await securityLog.RecordAsync(user.Id, SecurityEventType.DeletionRequested, cancellationToken: cancellationToken);
        LogRequested(logger, user.Id);
        return new DeletionResult(DeletionOutcome.Requested, Valid);
    }

    /// <summary>"Withdraw request": the account stays as it was.</summary>
    public async Task WithdrawAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (user.DeletionRequestedAt is null) return;
        user.DeletionRequestedAt = null;
        Check(await userManager.UpdateAsync(user));
        await securityLog.RecordAsync(user.Id, SecurityEventType.DeletionCancelled, cancellationToken: cancellationToken);
        LogWithdrawn(logger, user.Id);
    }

    /// <summary>An administrator approves a pending request: the account is deleted.</summary>
    public async Task<ValidationResult> ApproveAsync(Guid actorId, AppUser person, CancellationToken cancellationToken)
    {
        if (person.DeletionRequestedAt is null) return ValidationErrors.Failure("", NotPendingMessage(person));
        var result = await DeleteAsync(person, actorId, requirePendingRequest: true,
            t["{0} is the last active administrator. Make someone else an administrator first.", person.FullName], cancellationToken);
        if (!result.IsValid) return result;

        // No detail: it would name the person, whose particulars have just been removed.
        await audit.RecordAsync(actorId, AdminAction.DeletionApproved, targetUserId: person.Id, cancellationToken: cancellationToken);
        return result;
    }

    /// <summary>
    /// Provisioning (SCIM DELETE) removes the account: no pending request needed, the same last-administrator guard and
    /// kept logs as every deletion, and UserDeletedByProvisioning in the admin audit with the token as actor.
    /// </summary>
    public async Task<ValidationResult> DeleteByProvisioningAsync(Guid tokenId, AppUser person, CancellationToken cancellationToken)
    {
        var result = await DeleteAsync(person, tokenId, requirePendingRequest: false,
            t["{0} is the last active administrator. Make someone else an administrator first.", person.FullName], cancellationToken);
        if (!result.IsValid) return result;

        // No detail: it would name the person, whose particulars have just been removed.
        await audit.RecordAsync(tokenId, AdminAction.UserDeletedByProvisioning, targetUserId: person.Id, cancellationToken: cancellationToken);
        return result;
    }

    /// <summary>An administrator declines a pending request: it is cleared, and the person's log says so.</summary>
    public async Task<ValidationResult> DeclineAsync(Guid actorId, AppUser person, CancellationToken cancellationToken)
    {
        if (person.DeletionRequestedAt is null) return ValidationErrors.Failure("", NotPendingMessage(person));
        person.DeletionRequestedAt = null;
        Check(await userManager.UpdateAsync(person));
        await audit.RecordOnPersonAsync(actorId, AdminAction.DeletionDeclined, person.Id, SecurityEventType.DeletionDeclinedByAdmin, cancellationToken: cancellationToken);
        LogDeclined(logger, actorId, person.Id);
        return Valid;
    }

    /// <summary>
    /// The deletion itself, in one transaction: the last-administrator check (under the guard's lock, so two
    /// deletions or a deletion and a demotion cannot both pass it), the account row and everything that cascades from
    /// it, the blanking of what the kept logs say about the person, and AccountDeleted as their last security event.
    /// </summary>
    private async Task<ValidationResult> DeleteAsync(AppUser user, Guid? actorId, bool requirePendingRequest, string lastAdministratorMessage, CancellationToken cancellationToken)
    {
        var id = user.Id;
        await using (var transaction = await guard.BeginGuardedChangeAsync(cancellationToken))
        {
            if (await guard.IsLastActiveAdministratorAsync(id, cancellationToken))
                return ValidationErrors.Failure("", lastAdministratorMessage);

            // An approval deletes only while the request is still pending: a request withdrawn meanwhile wins.
            var account = db.Users.Where(u => u.Id == id);
            if (requirePendingRequest) account = account.Where(u => u.DeletionRequestedAt != null);
            if (await account.ExecuteDeleteAsync(cancellationToken) == 0)
                return ValidationErrors.Failure("", NotPendingMessage(user));

            // AppDbContext refuses tracked updates of these append-only tables so that no bug rewrites history; this
            // is the one deliberate exception (SPEC 2.8c, docs/security.md "Account deletion"): the rows stay, what
            // they say about a deleted person goes. A direct UPDATE does not pass through that check.
            await db.SecurityEvents.Where(e => e.UserId == id).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.IpAddress, (string?)null)
                .SetProperty(e => e.UserAgent, (string?)null)
                .SetProperty(e => e.Detail, (string?)null), cancellationToken);
            // Details of actions on the person can hold their email ("old → new").
            await db.AdminAuditEntries.Where(e => e.TargetUserId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, (string?)null), cancellationToken);

            // Written in this transaction (not through SecurityLogService's own unit of work), without IP or browser.
            db.SecurityEvents.Add(new SecurityEvent
            {
                UserId = id,
                Type = SecurityEventType.AccountDeleted,
                OccurredAt = clock.GetUtcNow().UtcDateTime,
                ActorId = actorId,
            });
            db.Entry(user).State = EntityState.Detached;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogDeleted(logger, id, actorId);
        return Valid;
    }

    private string OwnLastAdministratorMessage()
        => t["You are the last active administrator. Make someone else an administrator before you delete your account."];

    private string NotPendingMessage(AppUser person) => t["{0} has no pending deletion request.", person.FullName];

    private static ValidationResult Valid => new();

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Account update failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} asked to delete their account")]
    private static partial void LogRequested(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} withdrew their deletion request")]
    private static partial void LogWithdrawn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Administrator {ActorId} declined the deletion request of user {UserId}")]
    private static partial void LogDeclined(ILogger logger, Guid actorId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted (by administrator or provisioning token {ActorId})")]
    private static partial void LogDeleted(ILogger logger, Guid userId, Guid? actorId);
}
