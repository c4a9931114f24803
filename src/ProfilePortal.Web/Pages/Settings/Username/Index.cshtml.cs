using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Username;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Username;

[RequiresReauthentication]
public class IndexModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    UsernameChangeService usernames,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ChangeUsernameInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string CurrentUserName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        CurrentUserName = user.UserName ?? "";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await usernames.ChangeAsync(user, Input, cancellationToken);
        if (!result.AddTo(ModelState))
        {
            CurrentUserName = user.UserName ?? "";
            return Page();
        }

        // The cookie carries the username (the password manager hint and the layout read it).
        await signInManager.RefreshSignInAsync(user);
        StatusMessage = t["Your username is now {0}. Sign in with it (or your email) from now on.", user.UserName!];
        return RedirectToPage();
    }
}
