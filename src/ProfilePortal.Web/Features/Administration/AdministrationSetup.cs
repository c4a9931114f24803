using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Administration;

public static class AdministrationSetup
{
    public static WebApplicationBuilder AddAdministrationFeature(this WebApplicationBuilder builder)
    {
        // Every page and handler under /Admin needs an administration permission, and each folder its own one, so a
        // new page is never public by accident (AuthorizationTests enumerate the routes and check them all).
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", PermissionPolicies.AdminArea);
            o.Conventions.AuthorizeFolder("/Admin/Users", Permissions.UsersManage);
            o.Conventions.AuthorizeFolder("/Admin/Roles", Permissions.UsersManage);
            o.Conventions.AuthorizeFolder("/Admin/Provisioning", Permissions.UsersManage);
            o.Conventions.AuthorizeFolder("/Admin/Organizations", Permissions.OrgManage);
            o.Conventions.AuthorizeFolder("/Admin/Attributes", Permissions.UsersManage);
        });

        builder.Services.AddScoped<AdminAuditService>();
        builder.Services.AddScoped<UserSearchService>();
        builder.Services.AddScoped<AdministratorGuard>();
        builder.Services.AddScoped<UserAdminService>();
        builder.Services.AddScoped<OrganizationAdminService>();
        builder.Services.AddScoped<AuditActors>();
        return builder;
    }
}
