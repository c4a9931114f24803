using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>
/// Base of the pages that act on one person (/Admin/Users/{id}/...): loads the person (404 when there is none),
/// knows the acting administrator, shows the page on GET, and after an action either shows its errors under their
/// fields or returns to the person's page with a status message (PRG).
/// </summary>
public abstract class UserActionPageModel(UserManager<AppUser> userManager) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public AppUser Person { get; private set; } = null!;

    protected UserManager<AppUser> Users => userManager;

    protected Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        await LoadDisplayDataAsync(cancellationToken);
        FillForm();
        return Page();
    }

    /// <summary>What the page shows besides the person and the form, on GET and when the form comes back with errors.</summary>
    protected virtual Task LoadDisplayDataAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The form's starting values (GET only: a form that comes back keeps what was typed).</summary>
    protected virtual void FillForm()
    {
    }

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

    /// <summary>The same page again, with its display data (after errors were added to ModelState).</summary>
    protected async Task<IActionResult> PageAgainAsync(CancellationToken cancellationToken)
    {
        await LoadDisplayDataAsync(cancellationToken);
        return Page();
    }

    /// <summary>After an action: its errors under their fields on this page, or back to the person with the message (PRG).</summary>
    protected async Task<IActionResult> FinishAsync(ValidationResult result, Func<string> successMessage, CancellationToken cancellationToken)
    {
        if (result.AddTo(ModelState)) return BackToPerson(successMessage());
        return await PageAgainAsync(cancellationToken);
    }
}
