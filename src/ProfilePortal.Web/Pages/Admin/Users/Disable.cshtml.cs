using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the disabling: no sign-in, and every session of theirs ends at once.</summary>
public class DisableModel(UserManager<AppUser> userManager, UserAdminService admin, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        var result = await admin.DisableAsync(ActorId, Person, cancellationToken);
        return await FinishAsync(result, () => t["{0} is disabled and signed out everywhere.", Person.FullName], cancellationToken);
    }
}
