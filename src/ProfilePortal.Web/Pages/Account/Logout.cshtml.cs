using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>GET asks for confirmation (a link must not sign people out); POST signs out.</summary>
[AllowAnonymous]
public class LogoutModel(
    SignInManager<AppUser> signInManager,
    UserManager<AppUser> userManager,
    SecurityLogService securityLog,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (userManager.GetUserId(User) is { } id && Guid.TryParse(id, out var userId))
        {
            await securityLog.RecordAsync(userId, SecurityEventType.SignedOut);
        }

        await signInManager.SignOutAsync();
        // Personal pages a browser kept despite no-store, and anything a script stored, go with the session.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        StatusMessage = t["You have signed out."];
        return RedirectToPage("./Login");
    }
}
