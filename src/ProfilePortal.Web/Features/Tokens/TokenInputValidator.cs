using FluentValidation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Tokens;

/// <summary>The rules SPEC 2.5 sets for a token's description and expiry, shared by the create and edit forms.</summary>
public abstract class TokenDetailsValidator<T> : AbstractValidator<T> where T : TokenDetailsInput
{
    public TokenDetailsValidator(IStringLocalizer<SharedResource> t, TokenExpiry expiry, IOptions<ApiTokenOptions> options)
    {
        RuleFor(x => x.Description)
            .Must(v => v is null || TextRules.Length(v.Trim()) <= PersonalAccessTokenConfiguration.DescriptionMaxLength)
            .WithMessage(_ => t["Description must be at most {0} characters.", PersonalAccessTokenConfiguration.DescriptionMaxLength])
            .Must(v => !TextRules.HasControlCharacters(v))
            .WithMessage(_ => t["Description cannot contain control characters."]);

        RuleFor(x => x.NeverExpires)
            .Must(never => !never || options.Value.AllowNeverExpires)
            .WithMessage(_ => t["Tokens on this site must have an expiry date."]);

        RuleFor(x => x.ExpiresOn).Custom((day, context) =>
        {
            var input = context.InstanceToValidate;
            if (input.NeverExpires) return;
            if (day is null)
            {
                context.AddFailure(t["Choose an expiry date, or choose that the token never expires."]);
                return;
            }

            var (first, last) = expiry.Range(input.TimeZoneId);
            if (day < first) context.AddFailure(t["The expiry date must be in the future (tomorrow or later)."]);
            else if (day > last) context.AddFailure(t["The expiry date can be at most {0} days ahead ({1:d}).", options.Value.MaxLifetimeDays, last]);
        });
    }
}

public sealed class CreateTokenInputValidator : TokenDetailsValidator<CreateTokenInput>
{
    public CreateTokenInputValidator(IStringLocalizer<SharedResource> t, TokenExpiry expiry, IOptions<ApiTokenOptions> options)
        : base(t, expiry, options)
    {
        RuleFor(x => x.Read).Must((input, _) => input.Read || input.Write).WithMessage(_ => t["Choose at least one scope: Read or Write."]);
    }
}

public sealed class EditTokenInputValidator(IStringLocalizer<SharedResource> t, TokenExpiry expiry, IOptions<ApiTokenOptions> options)
    : TokenDetailsValidator<EditTokenInput>(t, expiry, options);
