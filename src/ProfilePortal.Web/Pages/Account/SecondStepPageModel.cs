using FluentValidation;
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

/// <summary>
/// What the two second sign-in steps (authenticator code, recovery code) share: they exist only while a password
/// sign-in waits for its second step, are throttled like the sign-in page, and answer each outcome alike. A page says
/// only how its code is checked and what a wrong one is told.
/// </summary>
public abstract class SecondStepPageModel<TInput>(
    SignInService signIn,
    SignInManager<AppUser> signInManager,
    IValidator<TInput> validator,
    AttemptThrottle throttle,
    IStringLocalizer<SharedResource> t) : PageModel
    where TInput : class, ISecondStepInput, new()
{
    [BindProperty]
    public TInput Input { get; set; } = new();

    protected IStringLocalizer<SharedResource> Localizer { get; } = t;

    public string? ReturnUrl { get; private set; }

    public bool RememberMe { get; private set; }

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
            return this.TooManyAttempts(refusal, Localizer);

        return await SignInAsync(signIn, Input.Code!, rememberMe) switch
        {
            SignInOutcome.Succeeded => LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/Settings/Profile"),
            SignInOutcome.LockedOut => RedirectToPage("./Lockout"),
            SignInOutcome.NoPendingSignIn => RedirectToPage("./Login", new { returnUrl }),
            SignInOutcome.Disabled => Refuse(Localizer["This account is disabled. Contact your administrator."]),
            _ => Refuse(WrongCodeMessage),
        };
    }

    /// <summary>Checks the code and, when it is right, completes the sign-in.</summary>
    protected abstract Task<SignInOutcome> SignInAsync(SignInService signIn, string code, bool rememberMe);

    protected abstract string WrongCodeMessage { get; }

    private PageResult Refuse(string message)
    {
        ValidationErrors.Failure(nameof(ISecondStepInput.Code), message).AddTo(ModelState);
        return Page();
    }
}
