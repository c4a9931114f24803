using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class ResetPasswordModel(
    UserManager<AppUser> userManager,
    SecurityLogService securityLog,
    SessionService sessions,
    TokenService tokens,
    IOptions<AccountRecoveryOptions> recovery,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public sealed class InputModel
    {
        public Guid UserId { get; set; }
        public string? Code { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmPassword { get; set; }
    }

    public void OnGet(Guid userId, string? code)
    {
        LinkInvalid = userId == Guid.Empty || string.IsNullOrEmpty(code);
        Input = new InputModel { UserId = userId, Code = code };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = Input.UserId == Guid.Empty ? null : await userManager.FindByIdAsync(Input.UserId.ToString());
        var token = DecodeCode(Input.Code);
        if (user is null || token is null || user.DisabledAt is not null)
        {
            LinkInvalid = true;
            return Page();
        }

        if (string.IsNullOrEmpty(Input.NewPassword))
            ModelState.AddModelError("Input.NewPassword", t["Enter a new password."]);
        else if (Input.NewPassword != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", t["The new password and its confirmation do not match."]);
        if (!ModelState.IsValid) return Page();

        var result = await userManager.ResetPasswordAsync(user, token, Input.NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }

            foreach (var error in result.Errors)
                ModelState.AddModelError("Input.NewPassword", error.Description);
            return Page();
        }

        user.LastPasswordChangeAt = clock.GetUtcNow().UtcDateTime;
        // A successful reset proves control of the mailbox, so a lockout from guessing ends too.
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        await userManager.UpdateAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventType.PasswordReset);
        // A reset is how people recover an account someone else may be using: every session ends, and every API token
        // is revoked (each recorded in the security log), since a token taken with the account outlives the password.
        await sessions.EndOthersAsync(user.Id, keepSessionId: null, HttpContext.RequestAborted);
        if (recovery.Value.ResetRevokesTokens)
        {
            TempData[ResetPasswordConfirmationModel.RevokedTokensKey] = await tokens.RevokeAllAsync(user.Id, actorId: null, HttpContext.RequestAborted);
        }

        return RedirectToPage("./ResetPasswordConfirmation");
    }

    private static string? DecodeCode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
