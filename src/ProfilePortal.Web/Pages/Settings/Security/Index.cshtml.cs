using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Security;

public class IndexModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    PasswordChangeService passwords,
    PasswordRules rules,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<PasswordRule> Rules { get; private set; } = [];

    /// <summary>Which rules the submitted new password met (none submitted: the empty one); the password is never echoed.</summary>
    public IReadOnlySet<string> MetRules { get; private set; } = new HashSet<string>();

    public string? LastPasswordChange { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user, null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await passwords.ChangeAsync(user, Input, SessionService.CurrentSessionId(User), cancellationToken);
        if (!result.Validation.AddTo(ModelState))
        {
            Load(user, Input.NewPassword);
            return Page();
        }

        // Keeps this browser signed in under a fresh ticket (new security stamp), in the same session.
        await signInManager.RefreshSignInAsync(user);
        StatusMessage = result.OtherSessionsEnded switch
        {
            0 => t["Your password has been changed."],
            1 => t["Your password has been changed, and 1 other session was signed out."],
            var n => t["Your password has been changed, and {0} other sessions were signed out.", n],
        };
        return RedirectToPage();
    }

    private void Load(AppUser user, string? submittedPassword)
    {
        Rules = rules.All();
        MetRules = Rules.Where(r => r.IsMet(submittedPassword ?? "")).Select(r => r.Code).ToHashSet();
        TwoFactorEnabled = user.TwoFactorEnabled;
        LastPasswordChange = user.LastPasswordChangeAt is null ? null : times.Format(user.LastPasswordChangeAt, user.TimeZoneId);
    }
}
