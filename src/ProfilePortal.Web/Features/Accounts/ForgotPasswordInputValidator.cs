using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Accounts;

public sealed class ForgotPasswordInputValidator : AbstractValidator<ForgotPasswordInput>
{
    public ForgotPasswordInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Login).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => t["Enter your email address or username."]);
}
