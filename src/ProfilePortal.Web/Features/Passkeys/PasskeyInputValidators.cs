using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Passkeys;

/// <summary>The one rule for a passkey's name, shared by adding and renaming.</summary>
public static class PasskeyNameRule
{
    public const int MaxLength = 50;

    public static IRuleBuilderOptions<T, string?> PasskeyName<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer<SharedResource> t)
        => rule
            .Must(v => !string.IsNullOrWhiteSpace(v))
            .WithMessage(_ => t["Give the passkey a name, for example \"Laptop\"."])
            .Must(v => v is null || TextRules.Length(v.Trim()) <= MaxLength)
            .WithMessage(_ => t["The name must be at most {0} characters.", MaxLength])
            .Must(v => !TextRules.HasControlCharacters(v))
            .WithMessage(_ => t["The name cannot contain control characters."]);
}

public sealed class AddPasskeyInputValidator : AbstractValidator<AddPasskeyInput>
{
    public AddPasskeyInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Name).PasskeyName(t);
}

public sealed class RenamePasskeyInputValidator : AbstractValidator<RenamePasskeyInput>
{
    public RenamePasskeyInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Name).PasskeyName(t);
}
