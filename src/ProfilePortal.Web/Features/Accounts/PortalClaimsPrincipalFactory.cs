using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// Puts what the layout shows on every page (name, email, avatar version) into the ticket so rendering the profile menu
/// needs no database read. Refreshed by RefreshSignInAsync after the person changes them.
/// </summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.GivenName, user.FirstName));
        identity.AddClaim(new Claim(PortalClaims.FamilyName, user.LastName));
        if (user.HasAvatar)
        {
            identity.AddClaim(new Claim(PortalClaims.AvatarVersion, user.AvatarVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}

public static class PortalClaims
{
    public const string GivenName = ClaimTypes.GivenName;
    public const string FamilyName = ClaimTypes.Surname;

    /// <summary>Present while the person has an uploaded avatar; its version, for the avatar URL.</summary>
    public const string AvatarVersion = "pp:avatar";
}
