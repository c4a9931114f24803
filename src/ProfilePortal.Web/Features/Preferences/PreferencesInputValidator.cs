using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Web.Features.Preferences;

public sealed class PreferencesInputValidator : AbstractValidator<PreferencesInput>
{
    public PreferencesInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Language)
            .Must(v => string.IsNullOrEmpty(v) || PortalLanguages.IsSupported(v))
            .WithMessage(_ => t["Choose one of the listed languages."]);
        RuleFor(x => x.Appearance)
            .Must(v => v is not null && Enum.GetNames<Appearance>().Contains(v, StringComparer.Ordinal))
            .WithMessage(_ => t["Choose light, dark, or the same as your device."]);
    }
}
