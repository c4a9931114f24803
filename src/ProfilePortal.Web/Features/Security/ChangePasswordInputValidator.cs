using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Security;

/// <summary>What can be checked without the stored password: every unmet policy rule is listed in one message.</summary>
public sealed class ChangePasswordInputValidator : AbstractValidator<ChangePasswordInput>
{
    public ChangePasswordInputValidator(PasswordRules rules, IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.CurrentPassword).Must(v => !string.IsNullOrEmpty(v)).WithMessage(_ => t["Enter your current password."]);
        RuleFor(x => x.NewPassword).Custom((value, context) =>
        {
            if (string.IsNullOrEmpty(value))
            {
                context.AddFailure(t["Enter a new password."]);
                return;
            }

            if (value == context.InstanceToValidate.CurrentPassword)
                context.AddFailure(t["The new password must be different from the current one."]);
            var unmet = rules.Unmet(value);
            if (unmet.Count > 0)
                context.AddFailure(t["The new password does not meet these rules: {0}.", string.Join("; ", unmet.Select(r => r.Description))]);
        });
        RuleFor(x => x.ConfirmPassword)
            .Must((input, confirm) => string.IsNullOrEmpty(input.NewPassword) || input.NewPassword == confirm)
            .WithMessage(_ => t["The new password and its confirmation do not match."]);
    }
}
