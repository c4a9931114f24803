using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>Both fields present; whether they match an account is SignInService's answer.</summary>
public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Login).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => t["Enter your email address or username."]);
        RuleFor(x => x.Password).Must(v => !string.IsNullOrEmpty(v)).WithMessage(_ => t["Enter your password."]);
    }
}
