using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Pages.Admin.Roles;

public sealed record RoleRow(Guid Id, string Name, string Description, IReadOnlyList<string> Permissions, int People);

/// <summary>Each role with its permissions (role claims) and how many people hold it. Roles are seeded, not edited here.</summary>
public class IndexModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<RoleRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, r.Description, People = db.UserRoles.Count(ur => ur.RoleId == r.Id) })
            .ToListAsync(cancellationToken);
        var claims = (await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == Permissions.ClaimType)
                .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(cancellationToken))
            .ToLookup(c => c.RoleId, c => c.ClaimValue ?? "");
        Rows = roles.Select(r => new RoleRow(r.Id, r.Name ?? "", r.Description, claims[r.Id].Order(StringComparer.Ordinal).ToList(), r.People)).ToList();
    }
}
