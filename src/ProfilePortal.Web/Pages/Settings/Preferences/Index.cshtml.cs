using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.Preferences;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Preferences;

public class IndexModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    PreferencesService preferences,
    IOptions<PortalOptions> portal,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PreferencesInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        Input = PreferencesService.InputFor(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await preferences.SaveAsync(user, Input, cancellationToken);
        if (!result.AddTo(ModelState)) return Page();

        await signInManager.RefreshSignInAsync(user);
        // This browser keeps the choice after signing out, so the sign-in page speaks the same language.
        PortalLanguages.RememberInBrowser(HttpContext, user.PreferredLanguage, portal.Value);
        // The confirmation is the first text shown in the new language: localize it in that language, not this request's.
        var shownIn = user.PreferredLanguage ?? PortalLanguages.Current;
        StatusMessage = PortalLanguages.In(shownIn, () => t["Your preferences have been saved."].Value);
        return RedirectToPage();
    }
}
