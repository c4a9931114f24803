using System.Security.Claims;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Administration;

public sealed record AdminNavItem(string Page, string Label, string Permission);

/// <summary>The administration areas, in menu order; each is listed only to people holding its permission.</summary>
public static class AdminNavigation
{
    public static readonly IReadOnlyList<AdminNavItem> Items =
    [
        new("/Admin/Users/Index", "People", Permissions.UsersManage),
        new("/Admin/Organizations/Index", "Organizations", Permissions.OrgManage),
        new("/Admin/Roles/Index", "Roles", Permissions.UsersManage),
        new("/Admin/Attributes/Index", "Attributes", Permissions.UsersManage),
        new("/Admin/Provisioning/Index", "Provisioning", Permissions.UsersManage),
    ];

    public static IEnumerable<AdminNavItem> For(ClaimsPrincipal user) => Items.Where(i => user.Has(i.Permission));
}
