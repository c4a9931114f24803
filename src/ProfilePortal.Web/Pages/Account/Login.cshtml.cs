using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Passkeys;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class LoginModel(SignInService signIn, IValidator<LoginInput> validator, AttemptThrottle throttle, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        // Start from a clean slate: an expired or half-finished external cookie must not linger.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        ReturnUrl = returnUrl;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        (await validator.ValidateAsync(Input)).AddTo(ModelState);
        if (!ModelState.IsValid) return Page();
        if (throttle.TryAttempt(ThrottledAction.SignIn, HttpContext, signIn.NormalizeLogin(Input.Login!)) is { } refusal)
            return this.TooManyAttempts(refusal, t);

        switch (await signIn.PasswordSignInAsync(Input.Login!, Input.Password!, Input.RememberMe))
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(SafeReturnUrl(returnUrl));
            case SignInOutcome.RequiresTwoFactor:
                return RedirectToPage("./LoginWith2fa", new { returnUrl, rememberMe = Input.RememberMe });
            case SignInOutcome.LockedOut:
                return RedirectToPage("./Lockout");
            case SignInOutcome.Disabled:
                ValidationErrors.Failure(string.Empty, t["This account is disabled. Contact your administrator."]).AddTo(ModelState);
                return Page();
            default:
                // One message for unknown accounts and wrong passwords, so the form does not reveal who has an account.
                ValidationErrors.Failure(string.Empty, t["The email address or username and password do not match."]).AddTo(ModelState);
                return Page();
        }
    }

    /// <summary>The browser's answer to navigator.credentials.get(), posted by passkeys.js.</summary>
    [BindProperty]
    public string? PasskeyCredential { get; set; }

    /// <summary>Called by passkeys.js: options for any passkey of this site (the browser lets the person pick one).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync([FromServices] PasskeyService passkeys)
        => Content(await passkeys.RequestOptionsAsync(null), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync([FromServices] PasskeyService passkeys, string? returnUrl = null)
    {
        ReturnUrl = returnUrl;
        // An answer is a signature over a fresh challenge and cannot be guessed, but each one costs a verification: it
        // counts against the address's sign-in allowance (SPEC 2.10). It names no account until verified.
        if (throttle.TryAttemptFromAddress(ThrottledAction.SignIn, HttpContext) is { } refusal)
            return this.TooManyAttempts(refusal, t);

        if (await passkeys.VerifyAsync(PasskeyCredential) is not { } passkey)
        {
            ValidationErrors.Failure(string.Empty, t["The passkey could not be verified. Try again, or sign in with your password."]).AddTo(ModelState);
            return Page();
        }

        switch (await signIn.PasskeySignInAsync(passkey))
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(SafeReturnUrl(returnUrl));
            case SignInOutcome.LockedOut:
                return RedirectToPage("./Lockout");
            default:
                ValidationErrors.Failure(string.Empty, t["This account is disabled. Contact your administrator."]).AddTo(ModelState);
                return Page();
        }
    }

    private string SafeReturnUrl(string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/Settings/Profile";
}
