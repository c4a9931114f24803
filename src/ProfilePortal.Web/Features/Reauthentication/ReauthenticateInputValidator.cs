using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Reauthentication;

public sealed class ReauthenticateInputValidator : AbstractValidator<ReauthenticateInput>
{
    public ReauthenticateInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Password).Must(v => !string.IsNullOrEmpty(v)).WithMessage(_ => t["Enter your password."]);
}
