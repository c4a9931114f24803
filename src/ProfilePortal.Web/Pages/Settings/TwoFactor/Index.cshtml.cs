using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.TwoFactor;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.TwoFactor;

/// <summary>
/// Two-factor authentication with an authenticator app (SPEC 2.4): start, confirm with a code, recovery codes shown
/// once, new codes, turn off with a code or the password. Every change asks for a recent re-authentication.
/// </summary>
[RequiresReauthentication]
public class IndexModel(
    UserManager<AppUser> userManager,
    TwoFactorService twoFactor,
    AuthenticatorCodeCheck codeCheck,
    CurrentPasswordCheck currentPassword,
    IValidator<AuthenticatorCodeInput> codeValidator,
    IValidator<TurnOffTwoFactorInput> turnOffValidator,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const string TurnOffPrefix = "TurnOff";

    /// <summary>The code confirming the setup.</summary>
    [BindProperty]
    public AuthenticatorCodeInput Input { get; set; } = new();

    [BindProperty]
    public TurnOffTwoFactorInput TurnOff { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// The recovery codes just made, one per line, carried across the redirect in the TempData cookie (encrypted with
    /// Data Protection, as the new API token is) and deleted once shown: a reload never shows them again.
    /// </summary>
    [TempData]
    public string? NewRecoveryCodes { get; set; }

    public TwoFactorStatus Status { get; private set; } = new(false, false, 0);

    public AuthenticatorSetup? Setup { get; private set; }

    public IReadOnlyList<string> RecoveryCodesToShow => (NewRecoveryCodes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        // The key or new recovery codes may be on this response: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        await twoFactor.StartSetupAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        if ((await codeValidator.ValidateAsync(Input)).AddTo(ModelState))
        {
            if (await twoFactor.EnableAsync(user, Input.Code!) is { } codes)
            {
                NewRecoveryCodes = string.Join('\n', codes);
                StatusMessage = t["Two-factor authentication is on. Save your recovery codes now: they will not be shown again."];
                return RedirectToPage();
            }

            ValidationErrors.Failure(nameof(Input.Code), t["The code is not valid or was already used. Check the time on your phone and enter the current code."]).AddTo(ModelState);
        }

        return await PageAgainAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        if (!await userManager.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        NewRecoveryCodes = string.Join('\n', await twoFactor.NewRecoveryCodesAsync(user));
        StatusMessage = t["New recovery codes are ready and the old ones no longer work. Save them now: they will not be shown again."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return Challenge();
        if (!await userManager.GetTwoFactorEnabledAsync(user)) return RedirectToPage();
        if (!(await turnOffValidator.ValidateAsync(TurnOff)).AddTo(ModelState, TurnOffPrefix)) return await PageAgainAsync(user);

        // A code when one is given, otherwise the password; wrong ones of either count towards the lockout.
        var refusal = !string.IsNullOrWhiteSpace(TurnOff.Code)
            ? await codeCheck.VerifyAsync(user, TurnOff.Code) switch
            {
                AuthenticatorCodeResult.Correct => null,
                AuthenticatorCodeResult.LockedOut => ValidationErrors.Failure(nameof(TurnOff.Code), currentPassword.LockedOutMessage),
                _ => ValidationErrors.Failure(nameof(TurnOff.Code), t["The code is not valid or was already used."]),
            }
            : await currentPassword.VerifyAsync(user, TurnOff.Password) switch
            {
                CurrentPasswordResult.Correct => null,
                CurrentPasswordResult.LockedOut => ValidationErrors.Failure(nameof(TurnOff.Password), currentPassword.LockedOutMessage),
                _ => ValidationErrors.Failure(nameof(TurnOff.Password), t["The password is incorrect."]),
            };
        if (refusal is not null)
        {
            refusal.AddTo(ModelState, TurnOffPrefix);
            return await PageAgainAsync(user);
        }

        await twoFactor.TurnOffAsync(user);
        StatusMessage = t["Two-factor authentication is off. Your recovery codes no longer work."];
        return RedirectToPage();
    }

    private async Task<IActionResult> PageAgainAsync(AppUser user)
    {
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(AppUser user)
    {
        Status = await twoFactor.StatusAsync(user);
        Setup = Status.SetupStarted ? await twoFactor.SetupAsync(user) : null;
    }
}
