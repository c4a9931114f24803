using System.Buffers;
using PhoneNumbers;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>Why a phone number was refused; <see cref="None"/> when it is valid.</summary>
public enum PhoneNumberProblem
{
    None,
    /// <summary>Not "+", country code and digits (spaces, dashes, dots and parentheses aside).</summary>
    NotInternational,
    UnknownCountryCode,
    TooShort,
    TooLong,
    /// <summary>A length or number range that the country does not use.</summary>
    NotValidForCountry,
}

/// <summary>The outcome of <see cref="PhoneNumbers.Check"/>: the E.164 form when valid, otherwise the problem.</summary>
public readonly record struct PhoneNumberCheck(string? E164, PhoneNumberProblem Problem, int CountryCode);

/// <summary>
/// International phone numbers (SPEC 2.1), checked with libphonenumber against each country's numbering plan:
/// "+" and the country code are required (no default country), spaces, dashes, dots and parentheses are accepted as
/// typed, and the number is stored in E.164 ("+919876543210").
/// </summary>
public static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly SearchValues<char> Allowed = SearchValues.Create("0123456789 -.()");

    /// <summary>The E.164 form, or null when the input is not a valid international number.</summary>
    public static string? Normalize(string? input) => input is null ? null : Check(input).E164;

    public static PhoneNumberCheck Check(string input)
    {
        var trimmed = input.Trim();
        // libphonenumber also reads letters (vanity numbers), extensions and other digit scripts: the form takes less.
        if (trimmed.Length < 2 || trimmed[0] != '+' || !char.IsAsciiDigit(trimmed[1])
            || trimmed.AsSpan(1).ContainsAnyExcept(Allowed))
        {
            return Refused(PhoneNumberProblem.NotInternational);
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(trimmed, null);
        }
        catch (NumberParseException exception)
        {
            return Refused(exception.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => PhoneNumberProblem.UnknownCountryCode,
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => PhoneNumberProblem.TooShort,
                ErrorType.TOO_LONG => PhoneNumberProblem.TooLong,
                _ => PhoneNumberProblem.NotInternational,
            });
        }

        var problem = Util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => PhoneNumberProblem.UnknownCountryCode,
            PhoneNumberUtil.ValidationResult.TOO_SHORT => PhoneNumberProblem.TooShort,
            PhoneNumberUtil.ValidationResult.TOO_LONG => PhoneNumberProblem.TooLong,
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE when Util.IsValidNumber(number) => PhoneNumberProblem.None,
            // INVALID_LENGTH, IS_POSSIBLE_LOCAL_ONLY, or a possible length in a range the country does not assign.
            _ => PhoneNumberProblem.NotValidForCountry,
        };
        return problem == PhoneNumberProblem.None
            ? new PhoneNumberCheck(Util.Format(number, PhoneNumberFormat.E164), problem, number.CountryCode)
            : new PhoneNumberCheck(null, problem, number.CountryCode);
    }

    private static PhoneNumberCheck Refused(PhoneNumberProblem problem) => new(null, problem, 0);
}
