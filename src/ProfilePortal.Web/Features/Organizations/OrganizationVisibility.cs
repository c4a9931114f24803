using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Organizations;

/// <summary>
/// SPEC 2.2 and 2.8a: a person's avatar and an organization's logo are visible inside that organization only, and to
/// administrators. Callers answer 404 when this says no, the same as for an id that does not exist, so the URL tells
/// an outsider nothing.
/// </summary>
public static class OrganizationVisibility
{
    /// <summary>The viewer themselves, a holder of users.manage, or a signed-in person of the same organization.</summary>
    public static async Task<bool> CanSeePersonAsync(AppDbContext db, ClaimsPrincipal viewer, Guid personId, CancellationToken ct)
    {
        if (SignedInId(viewer) is not { } viewerId) return false;
        if (viewerId == personId || viewer.Has(Permissions.UsersManage)) return true;
        // People without an organization share it with nobody: null never equals null here.
        return await db.Users.AnyAsync(person => person.Id == personId && person.OrganizationId != null
            && db.Users.Any(v => v.Id == viewerId && v.OrganizationId == person.OrganizationId), ct);
    }

    /// <summary>A signed-in person of the organization, or an administrator of people or organizations.</summary>
    public static async Task<bool> CanSeeOrganizationAsync(AppDbContext db, ClaimsPrincipal viewer, Guid organizationId, CancellationToken ct)
    {
        if (SignedInId(viewer) is not { } viewerId) return false;
        if (viewer.Has(Permissions.UsersManage) || viewer.Has(Permissions.OrgManage)) return true;
        return await db.Users.AnyAsync(v => v.Id == viewerId && v.OrganizationId == organizationId, ct);
    }

    private static Guid? SignedInId(ClaimsPrincipal viewer)
        => viewer.Identity?.IsAuthenticated == true && Guid.TryParse(viewer.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
