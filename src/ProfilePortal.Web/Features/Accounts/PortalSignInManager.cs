using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in manager, plus: a disabled account can never sign in, and a sign-in never inherits the session
/// the browser already holds (SPEC 2.7).
/// </summary>
public sealed class PortalSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    RestartableAuthenticationHandlerProvider handlers,
    SecurityLogService securityLog)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user)
        => user.DisabledAt is null && await base.CanSignInAsync(user);

    /// <summary>
    /// Every completed sign-in (password, second factor, passkey) and every RefreshSignInAsync ends here. A refresh
    /// carries its session's properties and keeps the session; a new sign-in first ends the session this browser
    /// holds, whoever it belongs to, so that it gets a new session under a new key (no session fixation, and a row
    /// never carries another person's ticket).
    /// </summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (!DatabaseTicketStore.IsSessionOf(authenticationProperties))
        {
            await EndCurrentSessionAsync();
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    private async Task EndCurrentSessionAsync()
    {
        var current = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!current.Succeeded) return;

        if (Guid.TryParse(UserManager.GetUserId(current.Principal), out var previousUserId))
        {
            await securityLog.RecordAsync(previousUserId, SecurityEventType.SignedOut);
        }

        await Context.SignOutAsync(IdentityConstants.ApplicationScheme);
        handlers.Restart();
    }
}
