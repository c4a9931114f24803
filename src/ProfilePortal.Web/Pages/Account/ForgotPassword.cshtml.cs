using System.Text;
using System.Text.Encodings.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Email;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class ForgotPasswordModel(
    SignInService signIn,
    UserManager<AppUser> userManager,
    IValidator<ForgotPasswordInput> validator,
    EmailOutbox mail,
    AttemptThrottle throttle,
    PublicLinks links,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ForgotPasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!(await validator.ValidateAsync(Input)).AddTo(ModelState)) return Page();

        if (throttle.TryAttempt(ThrottledAction.ForgotPassword, HttpContext, signIn.NormalizeLogin(Input.Login!)) is { } refusal)
            return this.TooManyAttempts(refusal, t);

        var user = await signIn.FindByLoginAsync(Input.Login!);
        // The same confirmation whether or not the account exists, so the form does not reveal who has one; the mail is
        // queued, not sent here, so the answer takes as long either way.
        if (user is not null && user.DisabledAt is null && !string.IsNullOrEmpty(user.Email))
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await userManager.GeneratePasswordResetTokenAsync(user)));
            // From Portal:PublicBaseUrl: a link built from the request's Host would send the code to whoever set it.
            var link = links.Page("/Account/ResetPassword", new { userId = user.Id, code });
            var html = HtmlEncoder.Default.Encode(link);
            // In the account's language when the person chose one (the request may come from anyone's browser).
            var message = PortalLanguages.In(user.PreferredLanguage, () =>
            {
                var intro = t["Someone asked to reset the password of your ProfilePortal account. To choose a new password, open this link within one hour:"];
                var outro = t["If it was not you, ignore this message; your password stays as it is."];
                return new EmailMessage(
                    user.Email,
                    t["Reset your ProfilePortal password"],
                    $"{intro}\n\n{link}\n\n{outro}\n",
                    $"<p>{HtmlEncoder.Default.Encode(intro)}</p><p><a href=\"{html}\">{HtmlEncoder.Default.Encode(t["Reset your password"])}</a></p><p>{HtmlEncoder.Default.Encode(outro)}</p>");
            });
            mail.Enqueue(message);
        }

        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
