using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// Puts what the layout shows on every page (name, email, avatar version, permissions) into the ticket so rendering the
/// profile menu needs no database read. Refreshed by RefreshSignInAsync after the person changes them.
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
        if (user.ConcurrencyStamp is not null)
        {
            identity.AddClaim(new Claim(PortalClaims.AccountStamp, user.ConcurrencyStamp));
        }
        if (user.PreferredLanguage is { Length: > 0 } language)
        {
            identity.AddClaim(new Claim(PortalClaims.Language, language));
        }
        identity.AddClaim(new Claim(PortalClaims.Appearance, user.Appearance.ToString()));
        if (user.HasAvatar)
        {
            identity.AddClaim(new Claim(PortalClaims.AvatarVersion, user.AvatarVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        identity.AddClaim(new Claim(PortalClaims.ActivityStatus, user.ActivityStatus.ToString()));
        return identity;
    }
}

public static class PortalClaims
{
    public const string GivenName = ClaimTypes.GivenName;
    public const string FamilyName = ClaimTypes.Surname;

    /// <summary>Present while the person has an uploaded avatar; its version, for the avatar URL.</summary>
    public const string AvatarVersion = "pp:avatar";

    /// <summary>The activity status the person chose (enum name), for their own dot in the profile menu.</summary>
    public const string ActivityStatus = "pp:status";

    /// <summary>The interface language chosen on Preferences (a culture name); absent: the browser's languages apply.</summary>
    public const string Language = "pp:lang";

    /// <summary>The colour mode chosen on Preferences (System, Light, Dark), for the layout's html element.</summary>
    public const string Appearance = "pp:appearance";

    /// <summary>
    /// The account row's concurrency stamp when the claims were built. Every change made through UserManager (role,
    /// email, name, ...) changes the stamp; the session store then rebuilds the claims on the next request, so a
    /// changed role or permission takes effect at once (see DatabaseTicketStore.RetrieveAsync).
    /// </summary>
    public const string AccountStamp = "pp:stamp";

    /// <summary>Claims the sign-in added that the claims factory does not build, kept when the claims are rebuilt.</summary>
    public static readonly IReadOnlyList<string> KeptOnRebuild = ["amr"];
}
