using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the ending of every session of the person.</summary>
public class EndSessionsModel(UserManager<AppUser> userManager, UserAdminService admin, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        var ended = await admin.EndSessionsAsync(ActorId, Person, cancellationToken);
        return BackToPerson(ended == 1
            ? t["1 session of {0} has ended.", Person.FullName]
            : t["{0} sessions of {1} have ended.", ended, Person.FullName]);
    }
}
