using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Passkeys;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>
/// "Sudo mode" (SPEC 2.4): the password again before a sensitive action, when this session last proved it more than
/// the window ago. Wrong passwords count towards the sign-in lockout, so a borrowed session cannot be used to guess it.
/// </summary>
public partial class ReauthenticateModel(
    UserManager<AppUser> userManager,
    CurrentPasswordCheck currentPassword,
    IValidator<ReauthenticateInput> validator,
    SessionConfirmation confirmation,
    SecurityLogService securityLog,
    IOptions<ReauthenticationOptions> options,
    IStringLocalizer<SharedResource> t,
    ILogger<ReauthenticateModel> logger,
    AuthenticatorCodeCheck codeCheck,
    IValidator<AuthenticatorCodeInput> codeValidator) : PageModel
{
    public const string CodeInputPrefix = "CodeInput";

    [BindProperty]
    public ReauthenticateInput Input { get; set; } = new();

    /// <summary>A code from the authenticator app instead of the password (people with two-factor on).</summary>
    [BindProperty]
    public AuthenticatorCodeInput CodeInput { get; set; } = new();

    public bool TwoFactorEnabled { get; private set; }

    public string ReturnUrl { get; private set; } = DefaultReturnUrl;

    public string UserName { get; private set; } = "";

    public int WindowMinutes => (int)Math.Round(options.Value.ReauthenticationWindow.TotalMinutes);

    private const string DefaultReturnUrl = "/Settings/Profile";

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        // The fallback policy lets only signed-in people here; the account may still have gone since.
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        Show(user, returnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        Show(user, returnUrl);
        if (!(await validator.ValidateAsync(Input)).AddTo(ModelState)) return Page();

        switch (await currentPassword.VerifyAsync(user, Input.Password))
        {
            case CurrentPasswordResult.Wrong:
                ValidationErrors.Failure(nameof(Input.Password), t["The password is incorrect."]).AddTo(ModelState);
                return Page();
            case CurrentPasswordResult.LockedOut:
                ValidationErrors.Failure(nameof(Input.Password), currentPassword.LockedOutMessage).AddTo(ModelState);
                return Page();
        }

        return await ConfirmedAsync(user, ReauthenticationMethod.Password);
    }

    public async Task<IActionResult> OnPostCodeAsync(string? returnUrl = null)
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        Show(user, returnUrl);
        if (!(await codeValidator.ValidateAsync(CodeInput)).AddTo(ModelState, CodeInputPrefix)) return Page();

        switch (await codeCheck.VerifyAsync(user, CodeInput.Code))
        {
            case AuthenticatorCodeResult.Wrong:
                ValidationErrors.Failure(nameof(CodeInput.Code), t["The code is not valid or was already used."]).AddTo(ModelState, CodeInputPrefix);
                return Page();
            case AuthenticatorCodeResult.LockedOut:
                ValidationErrors.Failure(nameof(CodeInput.Code), currentPassword.LockedOutMessage).AddTo(ModelState, CodeInputPrefix);
                return Page();
        }

        return await ConfirmedAsync(user, ReauthenticationMethod.AuthenticatorCode);
    }

    private async Task<IActionResult> ConfirmedAsync(AppUser user, ReauthenticationMethod method)
    {
        await confirmation.ConfirmAsync(HttpContext);
        await securityLog.RecordAsync(user.Id, SecurityEventType.Reauthenticated, method.ToDetail());
        LogConfirmed(logger, user.Id);
        // Read by the page the person goes back to ([TempData] StatusMessage); the action itself is not replayed.
        TempData["StatusMessage"] = (method switch
        {
            ReauthenticationMethod.Password => t["Password confirmed. You can now do what you started again."],
            ReauthenticationMethod.AuthenticatorCode => t["Identity confirmed with your authenticator code. You can now do what you started again."],
            _ => t["Identity confirmed with your passkey. You can now do what you started again."],
        }).Value;
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>The browser's answer to navigator.credentials.get(), posted by passkeys.js.</summary>
    [BindProperty]
    public string? PasskeyCredential { get; set; }

    /// <summary>Called by passkeys.js: options that only the signed-in person's own passkeys can answer.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync([FromServices] PasskeyService passkeys)
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        return Content(await passkeys.RequestOptionsAsync(user), "application/json");
    }

    public async Task<IActionResult> OnPostPasskeyAsync([FromServices] PasskeyService passkeys, [FromServices] AttemptThrottle throttle, string? returnUrl = null)
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        Show(user, returnUrl);
        // As on the sign-in page: an answer cannot be guessed, but each costs a verification, so answers count against
        // the address's sign-in allowance (a script on a borrowed session could otherwise post them without limit).
        if (throttle.TryAttemptFromAddress(ThrottledAction.SignIn, HttpContext) is { } refusal) return this.TooManyAttempts(refusal, t);
        // Another person's passkey does not confirm this session, however valid it is.
        if (await passkeys.VerifyForAsync(user, PasskeyCredential) is null)
        {
            ValidationErrors.Failure(string.Empty, t["The passkey could not be verified. Try again, or enter your password."]).AddTo(ModelState);
            return Page();
        }

        return await ConfirmedAsync(user, ReauthenticationMethod.Passkey);
    }

    private void Show(AppUser user, string? returnUrl)
    {
        UserName = user.UserName ?? "";
        TwoFactorEnabled = user.TwoFactorEnabled;
        ReturnUrl = !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultReturnUrl;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} confirmed their password or an authenticator code (re-authentication)")]
    private static partial void LogConfirmed(ILogger logger, Guid userId);
}
