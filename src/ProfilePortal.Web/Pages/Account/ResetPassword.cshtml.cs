using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Security;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class ResetPasswordModel(
    UserManager<AppUser> userManager,
    IValidator<ResetPasswordInput> validator,
    SecurityLogService securityLog,
    SessionService sessions,
    TokenService tokens,
    IOptions<AccountRecoveryOptions> recovery,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public ResetPasswordInput Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public void OnGet(Guid userId, string? code)
    {
        LinkInvalid = userId == Guid.Empty || string.IsNullOrEmpty(code);
        Input = new ResetPasswordInput { UserId = userId, Code = code };
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

        (await validator.ValidateAsync(Input)).AddTo(ModelState);
        if (!ModelState.IsValid) return Page();

        var result = await userManager.ResetPasswordAsync(user, token, Input.NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }

            result.ToValidationResult(nameof(Input.NewPassword)).AddTo(ModelState);
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
