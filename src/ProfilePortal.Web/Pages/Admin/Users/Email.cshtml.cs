using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>Changes a person's email (people cannot change their own). Their sessions stay signed in.</summary>
public class EmailModel(UserManager<AppUser> userManager, UserAdminService admin, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    [BindProperty]
    public ChangeEmailInput Input { get; set; } = new();

    protected override void FillForm()
    {
        Input.Email = Person.Email;
        Input.MarkVerified = true;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        if (!ModelState.IsValid) return Page(); // a value that could not be read is never taken as "not verified"
        var result = await admin.ChangeEmailAsync(ActorId, Person, Input, cancellationToken);
        return await FinishAsync(result, () => t["The email of {0} is now {1}. They sign in with it from now on.", Person.FullName, Person.Email!], cancellationToken);
    }
}
