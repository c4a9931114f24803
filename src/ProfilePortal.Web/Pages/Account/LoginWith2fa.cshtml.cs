using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>The second sign-in step (SPEC 2.10): a code from the authenticator app, after the right password.</summary>
[AllowAnonymous]
public class LoginWith2faModel(
    SignInService signIn,
    SignInManager<AppUser> signInManager,
    IValidator<LoginWith2faInput> validator,
    AttemptThrottle throttle,
    IOptions<TwoFactorOptions> options,
    IStringLocalizer<SharedResource> t) : SecondStepPageModel<LoginWith2faInput>(signIn, signInManager, validator, throttle, t)
{
    public int RememberBrowserDays => (int)Math.Round(options.Value.RememberBrowserFor.TotalDays);

    protected override Task<SignInOutcome> SignInAsync(SignInService signIn, string code, bool rememberMe)
        => signIn.TwoFactorSignInAsync(code, rememberMe, Input.RememberBrowser);

    protected override string WrongCodeMessage => Localizer["The code is not valid or was already used. Enter the current code from your authenticator app."];
}
