using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Security;

/// <summary>A new password, typed twice; the policy's rules are Identity's check when the password is set.</summary>
public sealed class ResetPasswordInputValidator : AbstractValidator<ResetPasswordInput>
{
    public ResetPasswordInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.NewPassword).Must(v => !string.IsNullOrEmpty(v)).WithMessage(_ => t["Enter a new password."]);
        RuleFor(x => x.ConfirmPassword)
            .Must((input, confirm) => string.IsNullOrEmpty(input.NewPassword) || input.NewPassword == confirm)
            .WithMessage(_ => t["The new password and its confirmation do not match."]);
    }
}
