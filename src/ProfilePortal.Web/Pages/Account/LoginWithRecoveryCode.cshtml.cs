using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>The second sign-in step with a recovery code instead of the app; each code works once.</summary>
[AllowAnonymous]
public class LoginWithRecoveryCodeModel(
    SignInService signIn,
    SignInManager<AppUser> signInManager,
    IValidator<RecoveryCodeInput> validator,
    AttemptThrottle throttle,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public RecoveryCodeInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool RememberMe { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null, bool rememberMe = false)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("./Login", new { returnUrl });
        (ReturnUrl, RememberMe) = (returnUrl, rememberMe);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null, bool rememberMe = false)
    {
        (ReturnUrl, RememberMe) = (returnUrl, rememberMe);
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("./Login", new { returnUrl });
        if (!(await validator.ValidateAsync(Input)).AddTo(ModelState)) return Page();
        if (throttle.TryAttempt(ThrottledAction.SignIn, HttpContext, signIn.NormalizeLogin(user.UserName ?? "")) is { } refusal)
            return this.TooManyAttempts(refusal, t);

        return await signIn.RecoveryCodeSignInAsync(Input.Code!) switch
        {
            SignInOutcome.Succeeded => LocalRedirect(SecondStep.SafeReturnUrl(Url, returnUrl)),
            SignInOutcome.LockedOut => RedirectToPage("./Lockout"),
            SignInOutcome.NoPendingSignIn => RedirectToPage("./Login", new { returnUrl }),
            SignInOutcome.Disabled => SecondStep.Refuse(this, nameof(Input.Code), t["This account is disabled. Contact your administrator."]),
            _ => SecondStep.Refuse(this, nameof(Input.Code), t["This recovery code is not valid or was already used."]),
        };
    }
}
