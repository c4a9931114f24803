using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>
/// Base of the pages that act on one person (/Admin/Users/{id}/...): loads the person (404 when there is none),
/// knows the acting administrator, and returns to the person's page with a status message after success (PRG).
/// </summary>
public abstract class UserActionPageModel(UserManager<AppUser> userManager) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public AppUser Person { get; private set; } = null!;

    protected UserManager<AppUser> Users => userManager;

    protected Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    /// <summary>Loads the person named in the route; false when there is none.</summary>
    protected async Task<bool> LoadPersonAsync(Guid id)
    {
        var person = await userManager.FindByIdAsync(id.ToString());
        if (person is null) return false;
        Person = person;
        return true;
    }

    protected IActionResult BackToPerson(string message)
    {
        StatusMessage = message;
        return RedirectToPage("./Details", new { id = Person.Id });
    }

    /// <summary>After an action: its errors under their fields on this page, or back to the person with the message (PRG).</summary>
    protected IActionResult Finish(Features.Administration.AdminResult result, Func<string> successMessage)
    {
        if (result.Succeeded) return BackToPerson(successMessage());
        foreach (var (field, message) in result.Errors)
            ModelState.AddModelError(field.Length == 0 ? "" : $"Input.{field}", message);
        return Page();
    }
}
