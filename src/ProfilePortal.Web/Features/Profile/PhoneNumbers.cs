namespace ProfilePortal.Web.Features.Profile;

/// <summary>
/// International phone numbers (SPEC 2.1): "+", country code and subscriber number, 8 to 15 digits in all
/// (E.164 allows 15). Spaces, dashes, dots and parentheses are accepted as typed and removed on save.
/// </summary>
public static class PhoneNumbers
{
    public const int MinDigits = 8;
    public const int MaxDigits = 15;

    /// <summary>The E.164 form ("+919876543210"), or null when the input is not a valid international number.</summary>
    public static string? Normalize(string? input)
    {
        if (input is null) return null;
        var trimmed = input.Trim();
        if (trimmed.Length == 0 || trimmed[0] != '+') return null;

        var digits = new System.Text.StringBuilder(MaxDigits + 1).Append('+');
        var digitCount = 0;
        foreach (var c in trimmed.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digitCount > MaxDigits) return null;
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return null;
            }
        }

        // A country code never starts with 0.
        return digitCount >= MinDigits && digits[1] != '0' ? digits.ToString() : null;
    }
}
