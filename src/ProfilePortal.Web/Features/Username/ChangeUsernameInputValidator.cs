using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Username;

/// <summary>The format rules; uniqueness is settled by the database when saving.</summary>
public sealed class ChangeUsernameInputValidator : AbstractValidator<ChangeUsernameInput>
{
    public ChangeUsernameInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.NewUserName).Custom((value, context) =>
        {
            var name = value?.Trim() ?? "";
            if (name.Length == 0)
                context.AddFailure(t["Enter a username."]);
            else if (name.Length is < UsernameRules.MinLength or > UsernameRules.MaxLength)
                context.AddFailure(t["A username has {0} to {1} characters.", UsernameRules.MinLength, UsernameRules.MaxLength]);
            else if (!UsernameRules.HasValidCharacters(name))
                context.AddFailure(t["Use only letters a–z, digits, dots, underscores and hyphens, starting with a letter or digit."]);
            else if (UsernameRules.IsReserved(name))
                context.AddFailure(t["This username is reserved. Choose another."]);
        });
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage(_ => t["Enter your current password."]);
    }
}
