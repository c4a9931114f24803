using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Passkeys;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Passkeys;

/// <summary>
/// /Settings/Passkeys (SPEC 2.4): list, add, rename, remove. Every change (the creation options included, so the
/// browser is not asked to make a passkey that could not be saved) needs a recent password confirmation.
/// </summary>
[RequiresReauthentication]
public class IndexModel(
    UserManager<AppUser> userManager,
    PasskeyService passkeys,
    IValidator<AddPasskeyInput> addValidator,
    IValidator<RenamePasskeyInput> renameValidator,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const string RenamePrefix = "Rename";

    [BindProperty]
    public AddPasskeyInput Input { get; set; } = new();

    [BindProperty]
    public RenamePasskeyInput Rename { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<PasskeyListing> Passkeys { get; private set; } = [];

    /// <summary>The passkey whose rename form is open with errors (the form of every other one stays closed).</summary>
    public string? RenamingId { get; private set; }

    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>
    /// Called by passkeys.js before navigator.credentials.create(): the options as JSON, or 400 when the name is not
    /// valid (the script then posts the form without a credential, and the page shows the error under the field).
    /// </summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        if (!(await addValidator.ValidateAsync(Input)).IsValid) return BadRequest();
        return Content(await passkeys.CreationOptionsAsync(user), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        if ((await addValidator.ValidateAsync(Input)).AddTo(ModelState))
        {
            var name = Input.Name!.Trim();
            if (string.IsNullOrEmpty(Input.Credential))
            {
                ValidationErrors.Failure(string.Empty, t["Your browser did not create a passkey. Nothing was saved; try again."]).AddTo(ModelState);
            }
            else if (await passkeys.AddAsync(user, name, Input.Credential))
            {
                StatusMessage = t["The passkey {0} has been added. You can now use it to sign in.", name];
                return RedirectToPage();
            }
            else
            {
                ValidationErrors.Failure(string.Empty, t["The passkey could not be verified. Nothing was saved; try again."]).AddTo(ModelState);
            }
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        // Only the person's own passkeys exist for them: another id is "not found", whoever it belongs to.
        if (!(await passkeys.ListAsync(user)).Any(p => p.Id == Rename.Id)) return NotFound();
        if ((await renameValidator.ValidateAsync(Rename)).AddTo(ModelState, RenamePrefix))
        {
            var name = Rename.Name!.Trim();
            if (!await passkeys.RenameAsync(user, Rename.Id, name)) return NotFound();
            StatusMessage = t["The passkey has been renamed to {0}.", name];
            return RedirectToPage();
        }

        RenamingId = Rename.Id;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? id)
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        var name = (await passkeys.ListAsync(user)).FirstOrDefault(p => p.Id == id)?.Name;
        switch (await passkeys.RemoveAsync(user, id))
        {
            case PasskeyRemoval.NotFound:
                return NotFound();
            case PasskeyRemoval.LastWayToSignIn:
                ValidationErrors.Failure(string.Empty, t["This passkey is the only way you can sign in: your account has no password. Add another passkey first, then remove this one."]).AddTo(ModelState);
                await LoadAsync(user);
                return Page();
            default:
                StatusMessage = t["The passkey {0} has been removed. It can no longer sign in to your account.", name ?? ""];
                return RedirectToPage();
        }
    }

    private async Task LoadAsync(AppUser user)
    {
        TimeZoneId = user.TimeZoneId;
        Passkeys = await passkeys.ListAsync(user);
    }
}
