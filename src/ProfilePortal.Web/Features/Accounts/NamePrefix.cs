using System.Linq.Expressions;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// A typed search term as an index range over the upper-case name, email and username columns: "starts with, in any
/// case" becomes <c>column &gt;= From AND column &lt; To</c>, a range scan of the column's index on every provider
/// (docs/decisions/0004-admin-user-search.md). The admin users list and the People directory both search this way.
/// </summary>
public sealed record NamePrefix(string From, string To)
{
    public const int MaxTermLength = 256;

    /// <summary>The range for what was typed; null when nothing was (so the caller adds no condition).</summary>
    public static NamePrefix? For(string? term)
    {
        term = term?.Trim();
        if (string.IsNullOrEmpty(term)) return null;
        // The same upper-casing Identity uses for NormalizedEmail and NormalizedUserName.
        var from = (term.Length > MaxTermLength ? term[..MaxTermLength] : term).ToUpperInvariant();
        return new NamePrefix(from, End(from));
    }

    /// <summary>The start of "first last" ("ada lov") or of "last first" ("lovelace").</summary>
    public Expression<Func<AppUser, bool>> MatchesName()
    {
        // Locals, so that EF Core sends them as parameters (one SQL text for every term).
        var (from, to) = (From, To);
        return u => (u.NormalizedFullName.CompareTo(from) >= 0 && u.NormalizedFullName.CompareTo(to) < 0)
                    || (u.NormalizedSortName.CompareTo(from) >= 0 && u.NormalizedSortName.CompareTo(to) < 0);
    }

    /// <summary>The start of either name order, of the email or of the username.</summary>
    public Expression<Func<AppUser, bool>> MatchesNameEmailOrUserName()
    {
        var (from, to) = (From, To);
        return u => (u.NormalizedFullName.CompareTo(from) >= 0 && u.NormalizedFullName.CompareTo(to) < 0)
                    || (u.NormalizedSortName.CompareTo(from) >= 0 && u.NormalizedSortName.CompareTo(to) < 0)
                    || (u.NormalizedEmail!.CompareTo(from) >= 0 && u.NormalizedEmail.CompareTo(to) < 0)
                    || (u.NormalizedUserName!.CompareTo(from) >= 0 && u.NormalizedUserName.CompareTo(to) < 0);
    }

    /// <summary>
    /// The smallest string greater than every string starting with <paramref name="prefix"/> (its last character
    /// plus one), so "starts with" is the index range [prefix, end) in ordinal order.
    /// </summary>
    internal static string End(string prefix)
    {
        var last = prefix.Length - 1;
        while (last >= 0 && prefix[last] == char.MaxValue) last--;
        return last < 0 ? prefix + char.MaxValue : prefix[..last] + (char)(prefix[last] + 1);
    }
}
