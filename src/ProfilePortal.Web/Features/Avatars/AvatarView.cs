using System.Globalization;
using System.Security.Claims;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>What _Avatar.cshtml needs to draw someone's avatar; Version is null when they have none uploaded.</summary>
public sealed record AvatarView(Guid UserId, string? FirstName, string? LastName, int? Version, int DisplaySize)
{
    public static AvatarView ForSignedIn(ClaimsPrincipal user, int displaySize)
    {
        _ = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id);
        int? version = int.TryParse(user.FindFirstValue(PortalClaims.AvatarVersion), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        return new AvatarView(id, user.FindFirstValue(PortalClaims.GivenName), user.FindFirstValue(PortalClaims.FamilyName), version, displaySize);
    }
}
