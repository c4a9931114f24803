using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Web.Pages.Settings.Notifications;

/// <summary>
/// The link mailed to a new notification address. Opening it only shows a button: the address is confirmed by the
/// signed-in person's POST, so a mail scanner that fetches links confirms nothing.
/// </summary>
public class ConfirmEmailModel(
    UserManager<AppUser> userManager,
    NotificationSettingsService settings,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public ConfirmEmailOutcome Outcome { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        // The code is in this page's address: keep it out of caches and of the Referer of any link on it.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Outcome = await settings.CheckConfirmationAsync(user, Code, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        Outcome = await settings.ConfirmEmailAsync(user, Code, cancellationToken);
        if (Outcome != ConfirmEmailOutcome.Confirmed) return Page();
        StatusMessage = t["Your notification email address is confirmed. Notifications go to it from now on."];
        return RedirectToPage("./Index");
    }
}
