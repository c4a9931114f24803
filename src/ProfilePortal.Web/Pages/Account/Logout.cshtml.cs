using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>GET asks for confirmation (a link must not sign people out); POST signs out.</summary>
public class LogoutModel(SignInManager<AppUser> signInManager, IStringLocalizer<SharedResource> t) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        StatusMessage = t["You have signed out."];
        return RedirectToPage("./Login");
    }
}
