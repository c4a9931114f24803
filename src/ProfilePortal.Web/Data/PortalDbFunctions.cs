using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace ProfilePortal.Web.Data;

/// <summary>
/// Comparisons EF Core will not translate by itself. Identity stores LockoutEnd as a DateTimeOffset, and the SQLite
/// provider refuses to compare DateTimeOffset values (it stores them as text). Every lockout end this application
/// writes is in UTC (Identity's own lockout and the admin pages), and Microsoft.Data.Sqlite binds a DateTimeOffset
/// parameter in the same text format, so the text order is the time order; PostgreSQL compares timestamptz natively.
/// </summary>
public static class PortalDbFunctions
{
    /// <summary>True when <paramref name="lockoutEnd"/> is later than <paramref name="now"/> (a locked account). Queries only.</summary>
    public static bool IsLockedAt(DateTimeOffset? lockoutEnd, DateTimeOffset now)
        => throw new InvalidOperationException("Only for use in database queries.");

    internal static void Register(ModelBuilder builder)
    {
        builder.HasDbFunction(typeof(PortalDbFunctions).GetMethod(nameof(IsLockedAt))!)
            .HasTranslation(args => new SqlBinaryExpression(ExpressionType.GreaterThan, args[0], args[1], typeof(bool), null));
    }
}
