using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the lock itself: until a day, or until an administrator unlocks.</summary>
public class LockModel(UserManager<AppUser> userManager, UserAdminService admin, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    [BindProperty]
    public LockInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        // A date that could not be read is not "no date" (which would lock until unlocked): say so under the field.
        if (!ModelState.IsValid) return Page();
        var me = await Users.GetUserAsync(User);
        var result = await admin.LockAsync(ActorId, me?.TimeZoneId ?? TimeZoneCatalog.DefaultZone, Person, Input, cancellationToken);
        return await FinishAsync(result, () => Input.Until is null
            ? t["{0} is locked until an administrator unlocks the account.", Person.FullName]
            : t["{0} is locked until {1}.", Person.FullName, Input.Until.Value.ToString("d", System.Globalization.CultureInfo.CurrentCulture)], cancellationToken);
    }
}
