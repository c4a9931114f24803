using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Organizations;

/// <summary>
/// SPEC 2.8a: an organization's logo is visible inside that organization only, and to administrators (a person's avatar
/// follows PeopleDirectory's rule). Callers answer 404 when this says no, the same as for an id that does not exist, so
/// the URL tells an outsider nothing.
/// </summary>
public static class OrganizationVisibility
{
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
