using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Throttling;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>The second sign-in step with a recovery code instead of the app; each code works once.</summary>
[AllowAnonymous]
public class LoginWithRecoveryCodeModel(
    SignInService signIn,
    SignInManager<AppUser> signInManager,
    IValidator<RecoveryCodeInput> validator,
    AttemptThrottle throttle,
    IStringLocalizer<SharedResource> t) : SecondStepPageModel<RecoveryCodeInput>(signIn, signInManager, validator, throttle, t)
{
    protected override Task<SignInOutcome> SignInAsync(SignInService signIn, string code, bool rememberMe)
        => signIn.RecoveryCodeSignInAsync(code);

    protected override string WrongCodeMessage => Localizer["This recovery code is not valid or was already used."];
}
