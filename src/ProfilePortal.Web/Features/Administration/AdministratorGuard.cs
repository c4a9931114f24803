using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;

namespace ProfilePortal.Web.Features.Administration;

/// <summary>
/// SPEC 2.9: nobody can lock, disable or demote the last active administrator, themselves included. An active
/// administrator holds users.manage through a role and is neither disabled nor locked.
/// </summary>
public sealed class AdministratorGuard(AppDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The transaction a guarded change runs in, begun before the check: two administrators demoting or disabling
    /// each other at the same moment must not both pass the check (LastAdministratorTests proves it with parallel
    /// requests, on SQLite and on PostgreSQL). The lock is the database's, so it holds across app nodes.
    /// </summary>
    public Task<IDbContextTransaction> BeginGuardedChangeAsync(CancellationToken cancellationToken)
        => db.Database.BeginSerializedAsync(SerializedScope.Administrators, Guid.Empty, cancellationToken);

    /// <summary>True when taking <paramref name="userId"/>'s administration away would leave no active administrator.</summary>
    public async Task<bool> IsLastActiveAdministratorAsync(Guid userId, CancellationToken cancellationToken)
    {
        var admins = ActiveAdministrators();
        return await admins.AnyAsync(u => u.Id == userId, cancellationToken)
               && !await admins.AnyAsync(u => u.Id != userId, cancellationToken);
    }

    public async Task<bool> HoldsUsersManageAsync(Guid roleId, CancellationToken cancellationToken)
        => await AdministratorRoles().AnyAsync(id => id == roleId, cancellationToken);

    private IQueryable<Guid> AdministratorRoles()
        => db.RoleClaims.Where(c => c.ClaimType == Permissions.ClaimType && c.ClaimValue == Permissions.UsersManage).Select(c => c.RoleId);

    private IQueryable<AppUser> ActiveAdministrators()
    {
        var now = clock.GetUtcNow();
        var roles = AdministratorRoles();
        return db.Users.AsNoTracking().Where(u =>
            u.DisabledAt == null
            && (u.LockoutEnd == null || !PortalDbFunctions.IsLockedAt(u.LockoutEnd, now))
            && db.UserRoles.Any(ur => ur.UserId == u.Id && roles.Contains(ur.RoleId)));
    }
}
