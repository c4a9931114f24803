using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.PersonalData;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the approval of a person's deletion request: the account is deleted.</summary>
public class ApproveDeletionModel(UserManager<AppUser> userManager, AccountDeletionService deletion, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        var name = Person.FullName;
        var result = await deletion.ApproveAsync(ActorId, Person, cancellationToken);
        if (!result.AddTo(ModelState)) return await PageAgainAsync(cancellationToken);

        // The person's page is gone: back to the list.
        StatusMessage = t["The account of {0} is deleted.", name];
        return RedirectToPage("./Index");
    }
}
