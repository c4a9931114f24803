using System.Text.RegularExpressions;

namespace ProfilePortal.Web.Features.Username;

/// <summary>Usernames (SPEC 2.3): 3–32 of a–z, A–Z, 0–9, ".", "_", "-", starting with a letter or digit; some names are reserved.</summary>
public static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    /// <summary>Names that could pass for the system or its staff, or collide with routes; compared without regard to case.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "administrators", "root", "system", "sysadmin", "superuser", "api", "support", "help",
        "security", "abuse", "postmaster", "hostmaster", "webmaster", "noreply", "no-reply", "mailer-daemon", "owner",
        "staff", "moderator", "billing", "account", "accounts", "settings", "login", "logout", "signin", "signout",
        "profileportal", "anonymous", "guest", "null", "undefined", "me", "www", "info", "healthz", "avatars", "docs",
    };

    public static bool HasValidCharacters(string value) => Pattern().IsMatch(value);

    public static bool IsReserved(string value) => Reserved.Contains(value);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Pattern();
}
