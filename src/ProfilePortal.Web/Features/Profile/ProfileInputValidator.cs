using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>The profile rules of SPEC 2.1; used by the Profile page and the API alike.</summary>
public sealed class ProfileInputValidator : AbstractValidator<ProfileInput>
{
    public const int NameMin = 2;
    public const int NameMax = 100;
    public const int TitleMax = 100;
    public const int AddressMax = 500;
    public const int BioMax = 1000;

    public ProfileInputValidator(IStringLocalizer<SharedResource> t, TimeZoneCatalog zones)
    {
        RuleFor(x => x.FirstName).Custom((value, context) => CheckName(value, context, t["First name"], t));
        RuleFor(x => x.LastName).Custom((value, context) => CheckName(value, context, t["Last name"], t));

        RuleFor(x => x.Title)
            .Must(v => v is null || TextRules.Length(v.Trim()) <= TitleMax).WithMessage(_ => t["Title must be at most {0} characters.", TitleMax])
            .Must(v => !TextRules.HasControlCharacters(v)).WithMessage(_ => t["Title cannot contain control characters."]);

        RuleFor(x => x.Phone).Custom((value, context) =>
        {
            if (string.IsNullOrWhiteSpace(value)) return;
            var check = PhoneNumbers.Check(value);
            if (check.Problem == PhoneNumberProblem.None) return;
            context.AddFailure(PhoneProblemMessage(t, check));
        });

        RuleFor(x => x.Address)
            .Must(v => v is null || TextRules.Length(TextRules.NormalizeNewLines(v)!.Trim()) <= AddressMax)
            .WithMessage(_ => t["Address must be at most {0} characters.", AddressMax])
            .Must(v => !TextRules.HasControlCharacters(TextRules.NormalizeNewLines(v), allowNewLines: true))
            .WithMessage(_ => t["Address cannot contain control characters."]);

        RuleFor(x => x.Bio)
            .Must(v => v is null || TextRules.Length(TextRules.NormalizeNewLines(v)!.Trim()) <= BioMax)
            .WithMessage(_ => t["Bio must be at most {0} characters.", BioMax])
            .Must(v => !TextRules.HasControlCharacters(TextRules.NormalizeNewLines(v), allowNewLines: true))
            .WithMessage(_ => t["Bio cannot contain control characters."]);

        RuleFor(x => x.TimeZoneId)
            .Must(zones.IsKnown).WithMessage(_ => t["Choose a time zone from the list."]);
    }

    /// <summary>What is wrong with a refused phone number, so the person knows what to fix (also the SMS channel's message).</summary>
    public static string PhoneProblemMessage(IStringLocalizer t, PhoneNumberCheck check) => check.Problem switch
    {
        PhoneNumberProblem.UnknownCountryCode => t["The country code after + is not one in use. Enter the number in international format (for example +44 20 7946 0958)."],
        PhoneNumberProblem.TooShort => t["The phone number is too short: enter the whole number after the country code."],
        PhoneNumberProblem.TooLong => t["The phone number is too long."],
        PhoneNumberProblem.NotValidForCountry => t["This is not a valid phone number for country code +{0}.", check.CountryCode],
        _ => t["Enter the phone number in international format: + and the country code, then the number (for example +44 20 7946 0958)."],
    };

    private static void CheckName(string? value, ValidationContext<ProfileInput> context, string field, IStringLocalizer t)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            context.AddFailure(t["{0} is required.", field]);
        }
        else if (TextRules.HasControlCharacters(trimmed))
        {
            context.AddFailure(t["{0} cannot contain control characters.", field]);
        }
        else if (TextRules.Length(trimmed) is < NameMin or > NameMax)
        {
            context.AddFailure(t["{0} must be between {1} and {2} characters.", field, NameMin, NameMax]);
        }
    }
}
