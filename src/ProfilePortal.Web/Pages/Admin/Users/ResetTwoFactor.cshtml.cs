using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>
/// The confirmation step and the reset of a person's two-factor authentication (they lost their phone and their
/// recovery codes): key, codes and last accepted code forgotten, two-factor off; audited.
/// </summary>
public class ResetTwoFactorModel(UserManager<AppUser> userManager, TwoFactorService twoFactor, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        await twoFactor.ResetByAdministratorAsync(ActorId, Person, cancellationToken);
        return BackToPerson(t["Two-factor authentication of {0} has been reset. They sign in with their password only until they set it up again.", Person.FullName]);
    }
}
