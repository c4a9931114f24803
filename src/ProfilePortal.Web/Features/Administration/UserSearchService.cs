using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Administration;

public enum UserStatusFilter
{
    Any,
    Active,
    Locked,
    Disabled,

    /// <summary>People who asked to delete their account and wait for an administrator (SPEC 2.8c).</summary>
    PendingDeletion,
}

public enum UserSort
{
    Name,
    NameDescending,
    Email,
    Newest,
    Oldest,
}

/// <summary>What the users list asks for; every part is optional. Pages start at 1.</summary>
public sealed record UserSearchQuery(string? Term, UserStatusFilter Status, Guid? RoleId, Guid? DepartmentId, UserSort Sort, int Page);

public sealed record UserListRow(Guid Id, string FullName, string? Email, string? UserName, string? Department, IReadOnlyList<string> Roles, AccountStatus Status, DateTime CreatedAt, bool DeletionPending, Avatars.AvatarView Avatar);

public sealed record UserSearchResult(IReadOnlyList<UserListRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The admin users list (SPEC 2.9), built to stay fast with 100,000 people: the term matches the start of the full
/// name ("ada lov"), the last name ("lovelace"), the email or the username, in any case, each as a range scan of
/// an index over an upper-case column; filters and sorts use indexes too; one page of rows and a count are read,
/// never the whole table. See docs/decisions/0004-admin-user-search.md for why it is a prefix and not a substring.
/// </summary>
public sealed class UserSearchService(AppDbContext db, AccountStatusService statuses, TimeProvider clock)
{
    public const int PageSize = 25;
    public const int AvatarDisplaySize = 32;

    public async Task<UserSearchResult> SearchAsync(UserSearchQuery query, CancellationToken cancellationToken)
    {
        var users = Filter(db.Users.AsNoTracking(), query);
        var total = await users.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);

        var rows = await Sort(users, query.Sort)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.Email, u.UserName, u.CreatedAt, u.DisabledAt, u.LockoutEnd, u.DeletionRequestedAt,
                u.HasAvatar, u.AvatarVersion,
                Department = u.Department == null ? null : u.Department.Name,
            })
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var roles = (await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name ?? "");

        return new UserSearchResult(
            rows.Select(r => new UserListRow(
                r.Id, $"{r.FirstName} {r.LastName}".Trim(), r.Email, r.UserName, r.Department, roles[r.Id].Order().ToList(),
                statuses.StatusOf(new AppUser { DisabledAt = r.DisabledAt, LockoutEnd = r.LockoutEnd }), r.CreatedAt,
                r.DeletionRequestedAt is not null,
                new Avatars.AvatarView(r.Id, r.FirstName, r.LastName, r.HasAvatar ? r.AvatarVersion : null, AvatarDisplaySize))).ToList(),
            total, page, PageSize);
    }

    private IQueryable<AppUser> Filter(IQueryable<AppUser> users, UserSearchQuery query)
    {
        var prefix = NamePrefix.For(query.Term);
        if (prefix is not null) users = users.Where(prefix.MatchesNameEmailOrUserName());

        var now = clock.GetUtcNow();
        users = query.Status switch
        {
            UserStatusFilter.Disabled => users.Where(u => u.DisabledAt != null),
            // A range scan of the partial index on DeletionRequestedAt (only pending requests are in it).
            UserStatusFilter.PendingDeletion => users.Where(u => u.DeletionRequestedAt != null),
            UserStatusFilter.Locked => users.Where(u => u.DisabledAt == null && PortalDbFunctions.IsLockedAt(u.LockoutEnd, now)),
            UserStatusFilter.Active => users.Where(u => u.DisabledAt == null && (u.LockoutEnd == null || !PortalDbFunctions.IsLockedAt(u.LockoutEnd, now))),
            _ => users,
        };

        if (query.RoleId is { } roleId)
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        if (query.DepartmentId is { } departmentId)
        {
            // With a term, the few people matching it are found through the name/email indexes and then checked for
            // the department; wrapping the column keeps SQLite from walking the whole department's index instead.
            users = prefix is null
                ? users.Where(u => u.DepartmentId == departmentId)
                : users.Where(u => (u.DepartmentId ?? Guid.Empty) == departmentId);
        }

        return users;
    }

    private static IQueryable<AppUser> Sort(IQueryable<AppUser> users, UserSort sort) => sort switch
    {
        UserSort.NameDescending => users.OrderByDescending(u => u.NormalizedSortName).ThenByDescending(u => u.Id),
        UserSort.Email => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
        UserSort.Newest => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
        UserSort.Oldest => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
        _ => users.OrderBy(u => u.NormalizedSortName).ThenBy(u => u.Id),
    };
}
