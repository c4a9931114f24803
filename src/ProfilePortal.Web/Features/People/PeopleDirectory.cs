using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Web.Features.People;

/// <summary>Who is looking: the signed-in person, and whether they hold users.manage (administrators see everyone).</summary>
public sealed record PeopleViewer(Guid Id, bool IsAdministrator)
{
    public static PeopleViewer? Of(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? new PeopleViewer(id, user.Has(Permissions.UsersManage))
            : null;

    /// <summary>The viewer sees every part of <paramref name="personId"/>'s card, hidden ones included.</summary>
    public bool SeesHiddenFieldsOf(Guid personId) => IsAdministrator || personId == Id;
}

/// <summary>What the list asks for; pages start at 1. OrganizationId is an administrator's choice, ignored for others.</summary>
public sealed record PeopleQuery(string? Term, Guid? DepartmentId, Guid? OrganizationId, int Page);

public sealed record NamedItem(Guid Id, string Name);

public sealed record PersonRow(AvatarView Avatar, ShownStatus Status, string FullName, string? Title, string? Department)
{
    public Guid Id => Avatar.UserId;
}

public sealed record PeopleListing(
    NamedItem? Organization,
    IReadOnlyList<NamedItem> Departments,
    IReadOnlyList<NamedItem> Organizations,
    IReadOnlyList<PersonRow> Rows,
    int Total,
    int Page,
    int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A People card; a part the viewer may not see is null. Hidden says what the person hides from colleagues.
/// FullBodyUrl is the character's full-body image when the avatar is a character (SPEC 2.8b).
/// </summary>
public sealed record PersonCard(
    AvatarView Avatar,
    string? FullBodyUrl,
    ShownStatus Status,
    string FullName,
    string? Title,
    string? Department,
    string? Organization,
    string? Bio,
    string? TimeZoneId,
    PeopleCardFields Hidden)
{
    public Guid Id => Avatar.UserId;
}

/// <summary>
/// The People directory (SPEC 2.8a): the list, the card and who may see whose avatar, with the one rule of who sees whom.
/// A person is seen by themself, by administrators (users.manage), and by the people of their organization while
/// their account is in the directory (not disabled, no deletion pending). People without an organization share it
/// with nobody. Whatever the rule refuses is answered like an id that does not exist.
/// </summary>
public sealed class PeopleDirectory(AppDbContext db, PresenceService presence)
{
    public const int PageSize = 25;

    /// <summary>Whether <paramref name="viewer"/> may see <paramref name="personId"/> (card, avatar).</summary>
    public async Task<bool> CanSeeAsync(PeopleViewer? viewer, Guid personId, CancellationToken cancellationToken)
    {
        if (viewer is null) return false;
        if (viewer.SeesHiddenFieldsOf(personId)) return true;
        return await VisibleTo(viewer).AnyAsync(p => p.Id == personId, cancellationToken);
    }

    public async Task<PersonCard?> CardAsync(PeopleViewer viewer, Guid personId, CancellationToken cancellationToken)
    {
        var person = await VisibleTo(viewer).Where(p => p.Id == personId)
            .Select(p => new
            {
                p.Id, p.FirstName, p.LastName, p.HasAvatar, p.AvatarVersion, p.AvatarIsCharacter, p.Title, p.Bio, p.TimeZoneId, p.HiddenPeopleCardFields,
                Department = p.Department == null ? null : p.Department.Name,
                Organization = p.Organization == null ? null : p.Organization.Name,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (person is null) return null;

        var status = (await presence.ShownStatusesAsync([person.Id], cancellationToken))[person.Id];
        var shown = Shown(viewer, person.Id, person.HiddenPeopleCardFields);
        return new PersonCard(
            new AvatarView(person.Id, person.FirstName, person.LastName, person.HasAvatar ? person.AvatarVersion : null, 128),
            person.AvatarIsCharacter ? AvatarEndpoint.FullBodyUrl(person.Id, person.AvatarVersion) : null,
            status,
            $"{person.FirstName} {person.LastName}".Trim(),
            shown.HasFlag(PeopleCardFields.Title) ? person.Title : null,
            shown.HasFlag(PeopleCardFields.Department) ? person.Department : null,
            person.Organization,
            shown.HasFlag(PeopleCardFields.Bio) ? person.Bio : null,
            shown.HasFlag(PeopleCardFields.LocalTime) ? person.TimeZoneId : null,
            person.HiddenPeopleCardFields);
    }

    /// <summary>
    /// One page of an organization's people, by name: the viewer's own organization (an administrator may pick
    /// another); a viewer without one sees only themself. Each search and filter is an index range scan (names,
    /// department, or the organization in name order), so 100,000 people cost one page and one count.
    /// </summary>
    public async Task<PeopleListing> SearchAsync(PeopleViewer viewer, PeopleQuery query, CancellationToken cancellationToken)
    {
        var own = await db.Users.AsNoTracking().Where(u => u.Id == viewer.Id && u.Organization != null)
            .Select(u => new NamedItem(u.Organization!.Id, u.Organization.Name)).FirstOrDefaultAsync(cancellationToken);
        IReadOnlyList<NamedItem> organizations = viewer.IsAdministrator
            ? await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => new NamedItem(o.Id, o.Name)).ToListAsync(cancellationToken)
            : [];
        // Only an administrator picks, and only an organization that exists.
        var organization = organizations.FirstOrDefault(o => o.Id == query.OrganizationId) ?? own;

        IQueryable<AppUser> people;
        int total;
        IReadOnlyList<NamedItem> departments = [];
        if (organization?.Id is { } orgId)
        {
            departments = await db.Departments.AsNoTracking().Where(d => d.OrganizationId == orgId).OrderBy(d => d.Name)
                .Select(d => new NamedItem(d.Id, d.Name)).ToListAsync(cancellationToken);
            Guid? departmentId = query.DepartmentId is { } picked && departments.Any(d => d.Id == picked) ? picked : null;
            var prefix = NamePrefix.For(query.Term);
            people = ListedIn(orgId, departmentId, prefix, viewer);
            total = prefix is null
                ? await CountListedAsync(orgId, departmentId, viewer, cancellationToken)
                : await people.CountAsync(cancellationToken);
        }
        else
        {
            people = db.Users.AsNoTracking().Where(u => u.Id == viewer.Id);
            total = await people.CountAsync(cancellationToken);
        }

        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await people
            .OrderBy(u => u.NormalizedSortName).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id, u.FirstName, u.LastName, u.HasAvatar, u.AvatarVersion, u.Title, u.HiddenPeopleCardFields,
                Department = u.Department == null ? null : u.Department.Name,
            })
            .ToListAsync(cancellationToken);

        var statuses = rows.Count == 0 ? new Dictionary<Guid, ShownStatus>() : await presence.ShownStatusesAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        return new PeopleListing(organization, departments, organizations,
            rows.Select(r =>
            {
                var shown = Shown(viewer, r.Id, r.HiddenPeopleCardFields);
                return new PersonRow(
                    new AvatarView(r.Id, r.FirstName, r.LastName, r.HasAvatar ? r.AvatarVersion : null, 48),
                    statuses.GetValueOrDefault(r.Id, ShownStatus.Offline),
                    $"{r.FirstName} {r.LastName}".Trim(),
                    shown.HasFlag(PeopleCardFields.Title) ? r.Title : null,
                    shown.HasFlag(PeopleCardFields.Department) ? r.Department : null);
            }).ToList(),
            total, page, PageSize);
    }

    /// <summary>
    /// The rule of who sees whom, as a query: everyone for an administrator; otherwise the viewer and the people listed
    /// in the viewer's organization. The viewer's organization is an uncorrelated subquery (read once, not per row).
    /// </summary>
    private IQueryable<AppUser> VisibleTo(PeopleViewer viewer)
    {
        var users = db.Users.AsNoTracking();
        if (viewer.IsAdministrator) return users;
        var viewerOrganization = users.Where(v => v.Id == viewer.Id && v.OrganizationId != null).Select(v => v.OrganizationId);
        return users.Where(p => p.Id == viewer.Id
                                || (p.DisabledAt == null && p.DeletionRequestedAt == null && viewerOrganization.Contains(p.OrganizationId)));
    }

    /// <summary>
    /// The people the directory lists for an organization: its accounts that are neither disabled nor waiting for
    /// deletion (administrators find those in Admin), optionally of one department and matching a name prefix.
    /// Within <see cref="VisibleTo"/> for the organization's own people. Someone who hides their department is not
    /// found through it either, except by administrators and themself.
    /// </summary>
    private IQueryable<AppUser> ListedIn(Guid organizationId, Guid? departmentId, NamePrefix? prefix, PeopleViewer viewer)
    {
        var users = db.Users.AsNoTracking().Where(u => u.DisabledAt == null && u.DeletionRequestedAt == null);
        if (prefix is not null)
        {
            // The name indexes find the few people matching (in any organization); the organization and department
            // are then checked on them. Both are wrapped, as in UserSearchService: otherwise SQLite, which has no
            // statistics, walks the organization's whole (OrganizationId, NormalizedSortName) index for its order
            // (680 ms for 100,000 people instead of 0.3 ms).
            users = users.Where(prefix.MatchesName()).Where(u => (u.OrganizationId ?? Guid.Empty) == organizationId);
            if (departmentId is { } d) users = users.Where(u => (u.DepartmentId ?? Guid.Empty) == d);
        }
        else if (departmentId is { } d)
        {
            // The department's index in name order; the organization is checked on each row found (a department
            // belongs to one organization, so this only guards against inconsistent data).
            users = users.Where(u => u.DepartmentId == d && (u.OrganizationId ?? Guid.Empty) == organizationId);
        }
        else
        {
            users = users.Where(u => u.OrganizationId == organizationId);
        }

        return departmentId is null || viewer.IsAdministrator
            ? users
            : users.Where(u => (u.HiddenPeopleCardFields & PeopleCardFields.Department) == 0 || u.Id == viewer.Id);
    }

    /// <summary>
    /// The count of <see cref="ListedIn"/> without a name prefix (a whole organization or department, up to 100,000
    /// people), in one query that reads no row of the listed people: everyone in the organization's (or department's)
    /// index, which covers the count, minus the few disabled and pending deletions found through their partial
    /// indexes (and, for a department seen by a colleague, those hiding it). Counting the listed rows directly reads
    /// every row for its DisabledAt and DeletionRequestedAt (over 300 ms for 100,000 people on SQLite).
    /// </summary>
    private Task<int> CountListedAsync(Guid organizationId, Guid? departmentId, PeopleViewer viewer, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        IQueryable<AppUser> everyone, disabled, leaving;
        if (departmentId is { } d)
        {
            everyone = users.Where(u => u.DepartmentId == d);
            disabled = users.Where(u => u.DisabledAt != null && (u.DepartmentId ?? Guid.Empty) == d);
            leaving = users.Where(u => u.DeletionRequestedAt != null && u.DisabledAt == null && (u.DepartmentId ?? Guid.Empty) == d);
        }
        else
        {
            everyone = users.Where(u => u.OrganizationId == organizationId);
            disabled = users.Where(u => u.DisabledAt != null && (u.OrganizationId ?? Guid.Empty) == organizationId);
            leaving = users.Where(u => u.DeletionRequestedAt != null && u.DisabledAt == null && (u.OrganizationId ?? Guid.Empty) == organizationId);
        }

        // Listed, in the department, and hiding it from this viewer; no index holds them, so this reads the department's rows.
        var hiding = departmentId is { } department && !viewer.IsAdministrator
            ? users.Where(u => u.DepartmentId == department && u.DisabledAt == null && u.DeletionRequestedAt == null
                               && (u.HiddenPeopleCardFields & PeopleCardFields.Department) != 0 && u.Id != viewer.Id)
            : users.Where(u => false);
        return db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(_ => everyone.Count() - disabled.Count() - leaving.Count() - hiding.Count())
            .FirstAsync(cancellationToken);
    }

    /// <summary>The card parts <paramref name="viewer"/> sees of a person who hides <paramref name="hidden"/>.</summary>
    private static PeopleCardFields Shown(PeopleViewer viewer, Guid personId, PeopleCardFields hidden)
    {
        const PeopleCardFields all = PeopleCardFields.Title | PeopleCardFields.Department | PeopleCardFields.Bio | PeopleCardFields.LocalTime;
        return viewer.SeesHiddenFieldsOf(personId) ? all : all & ~hidden;
    }
}
