using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// One authorization policy per permission, named after it (users.manage, org.manage, billing.view). Permissions
/// reach the principal as role claims (PortalClaimsPrincipalFactory), rebuilt when the account changes.
/// </summary>
public static class PermissionPolicies
{
    /// <summary>Any administration page at all: people or organizations. The folder's own permission is checked too.</summary>
    public const string AdminArea = "admin.area";

    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services)
    {
        // Authorization by default: every page and endpoint without a policy of its own needs a person signed in with
        // the cookie; public pages say so with [AllowAnonymous] (the API's endpoints name their own token policies).
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build());
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
        }

        authorization.AddPolicy(AdminArea, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
            context.User.HasClaim(Permissions.ClaimType, Permissions.UsersManage) || context.User.HasClaim(Permissions.ClaimType, Permissions.OrgManage)));
        return services;
    }

    public static bool Has(this System.Security.Claims.ClaimsPrincipal user, string permission)
        => user.HasClaim(Permissions.ClaimType, permission);
}
