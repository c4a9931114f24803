using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Presence;

public sealed class ActivityStatusInputValidator : AbstractValidator<ActivityStatusInput>
{
    public ActivityStatusInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Status).Must(status => PresenceText.TryParse(status, out _))
            .WithMessage(_ => t["Choose one of these statuses: {0}.", string.Join(", ", PresenceText.Names)]);
    }
}
