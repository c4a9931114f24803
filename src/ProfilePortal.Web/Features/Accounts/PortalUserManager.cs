using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>Identity's user manager, plus: every failed password counts, however many arrive at once.</summary>
public sealed class PortalUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    AppDbContext db)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    /// <summary>
    /// Identity adds one to the count of the user it loaded and saves it under the concurrency stamp: of several wrong
    /// passwords sent at the same moment, all but one fail to save and do not count, so guessing in parallel escaped
    /// the lockout. Here one UPDATE counts in the database itself and locks the account at the limit (resetting the
    /// count, as Identity does); the loaded user is then told the stored values.
    /// </summary>
    /// <summary>Recovery codes of our own shape: 80 random bits each (RecoveryCodes), so storing only a hash is safe.</summary>
    protected override string CreateTwoFactorRecoveryCode() => RecoveryCodes.Create();

    /// <summary>
    /// The store's redemption is one DELETE that only one request can win, and nothing else is pending: Identity's
    /// version would also save the whole user under its concurrency stamp, which can fail after the code is gone.
    /// </summary>
    public override async Task<IdentityResult> RedeemTwoFactorRecoveryCodeAsync(AppUser user, string code)
    {
        ArgumentNullException.ThrowIfNull(user);
        var redeemed = Store is IUserTwoFactorRecoveryCodeStore<AppUser> codes && await codes.RedeemCodeAsync(user, code, CancellationToken);
        return redeemed ? IdentityResult.Success : IdentityResult.Failed(ErrorDescriber.RecoveryCodeRedemptionFailed());
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var limit = Options.Lockout.MaxFailedAccessAttempts;
        // Identity's clock, not TimeProvider: IsLockedOutAsync compares LockoutEnd with DateTimeOffset.UtcNow.
        var lockoutEnd = DateTimeOffset.UtcNow.Add(Options.Lockout.DefaultLockoutTimeSpan);
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= limit ? lockoutEnd : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= limit ? 0 : u.AccessFailedCount + 1), CancellationToken);
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.AccessFailedCount, u.LockoutEnd }).SingleAsync(CancellationToken);

        user.AccessFailedCount = stored.AccessFailedCount;
        user.LockoutEnd = stored.LockoutEnd;
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            // Already stored: a later save of this user must not write them again.
            entry.Property(u => u.AccessFailedCount).OriginalValue = stored.AccessFailedCount;
            entry.Property(u => u.AccessFailedCount).IsModified = false;
            entry.Property(u => u.LockoutEnd).OriginalValue = stored.LockoutEnd;
            entry.Property(u => u.LockoutEnd).IsModified = false;
        }

        return IdentityResult.Success;
    }
}
