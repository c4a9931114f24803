using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Security;

public sealed record PasswordRule(string Code, string Description, Func<string, bool> IsMet, string Kind, string Argument);

/// <summary>
/// The password policy as a list of rules, used three ways: by Identity (every password set or reset), by the
/// Security page to list each unmet rule, and by the page's live checklist (Kind and Argument drive site.js).
/// Lengths count Unicode characters, not UTF-16 units, so an emoji counts once.
/// </summary>
public sealed class PasswordRules(IOptions<PasswordPolicyOptions> options, IStringLocalizer<SharedResource> t)
{
    public IReadOnlyList<PasswordRule> All()
    {
        var policy = options.Value;
        var rules = new List<PasswordRule>
        {
            new("PasswordTooShort", t["At least {0} characters", policy.MinimumLength], p => Length(p) >= policy.MinimumLength, "min", policy.MinimumLength.ToString(CultureInfo.InvariantCulture)),
            new("PasswordTooLong", t["At most {0} characters", policy.MaximumLength], p => Length(p) <= policy.MaximumLength, "max", policy.MaximumLength.ToString(CultureInfo.InvariantCulture)),
        };
        if (policy.RequireUppercase)
            rules.Add(new("PasswordRequiresUpper", t["An upper-case letter"], p => p.EnumerateRunes().Any(Rune.IsUpper), "upper", ""));
        if (policy.RequireLowercase)
            rules.Add(new("PasswordRequiresLower", t["A lower-case letter"], p => p.EnumerateRunes().Any(Rune.IsLower), "lower", ""));
        if (policy.RequireDigit)
            rules.Add(new("PasswordRequiresDigit", t["A digit"], p => p.Any(char.IsAsciiDigit), "digit", ""));
        if (!string.IsNullOrEmpty(policy.SpecialCharacters))
        {
            rules.Add(new("PasswordRequiresSpecial", t["One of these characters: {0}", string.Join(" ", policy.SpecialCharacters.ToCharArray())],
                p => p.IndexOfAny(policy.SpecialCharacters.ToCharArray()) >= 0, "special", policy.SpecialCharacters));
        }
        return rules;
    }

    public IReadOnlyList<PasswordRule> Unmet(string password) => All().Where(r => !r.IsMet(password)).ToList();

    private static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes()) count++;
        return count;
    }
}
