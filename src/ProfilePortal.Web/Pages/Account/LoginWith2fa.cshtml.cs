using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>The second sign-in step (SPEC 2.10): a code from the authenticator app, after the right password.</summary>
[AllowAnonymous]
public class LoginWith2faModel(
    SignInService signIn,
    SignInManager<AppUser> signInManager,
    IValidator<LoginWith2faInput> validator,
    AttemptThrottle throttle,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LoginWith2faInput Input { get; set; } = new();

    public string? ReturnUrl { get; private set; }

    public bool RememberMe { get; private set; }

    public int RememberBrowserDays => (int)Math.Round(options.Value.RememberBrowserFor.TotalDays);

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null, bool rememberMe = false)
    {
        // Only after the password: without the pending sign-in there is nothing to finish.
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

        return await signIn.TwoFactorSignInAsync(Input.Code!, rememberMe, Input.RememberBrowser) switch
        {
            SignInOutcome.Succeeded => LocalRedirect(SecondStep.SafeReturnUrl(Url, returnUrl)),
            SignInOutcome.LockedOut => RedirectToPage("./Lockout"),
            SignInOutcome.NoPendingSignIn => RedirectToPage("./Login", new { returnUrl }),
            SignInOutcome.Disabled => SecondStep.Refuse(this, nameof(Input.Code), t["This account is disabled. Contact your administrator."]),
            _ => SecondStep.Refuse(this, nameof(Input.Code), t["The code is not valid or was already used. Enter the current code from your authenticator app."]),
        };
    }
}

/// <summary>What the two second-step pages share: where to go after, and a refusal shown under the field.</summary>
internal static class SecondStep
{
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/Settings/Profile";

    public static PageResult Refuse(PageModel page, string field, string message)
    {
        ValidationErrors.Failure(field, message).AddTo(page.ModelState);
        return page.Page();
    }
}
