using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.PersonalData;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the declining of a person's deletion request: the request is cleared.</summary>
public class DeclineDeletionModel(UserManager<AppUser> userManager, AccountDeletionService deletion, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        var result = await deletion.DeclineAsync(ActorId, Person, cancellationToken);
        return await FinishAsync(result, () => t["The deletion request of {0} is declined.", Person.FullName], cancellationToken);
    }
}
