using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace ProfilePortal.Web.Data;

/// <summary>
/// Comparisons EF Core will not translate by itself. Identity stores LockoutEnd as a DateTimeOffset, and the SQLite
/// provider refuses to compare DateTimeOffset values (it stores them as text). Every lockout end this application
/// writes is in UTC (Identity's own lockout and the admin pages), and Microsoft.Data.Sqlite binds a DateTimeOffset
/// parameter in the same text format, so the text order is the time order; PostgreSQL compares timestamptz natively.
/// Translated by a query translator added to the context's options (<see cref="UsePortalDbFunctions"/>), not by a
/// function in the model: a compiled model (Data/CompiledModels) cannot hold a translation.
/// </summary>
public static class PortalDbFunctions
{
    private static readonly MethodInfo IsLockedAtMethod = typeof(PortalDbFunctions).GetMethod(nameof(IsLockedAt))!;

    /// <summary>True when <paramref name="lockoutEnd"/> is later than <paramref name="now"/> (a locked account). Queries only.</summary>
    public static bool IsLockedAt(DateTimeOffset? lockoutEnd, DateTimeOffset now)
        => throw new InvalidOperationException("Only for use in database queries.");

    /// <summary>Lets the context's queries use these functions, on either provider.</summary>
    public static DbContextOptionsBuilder UsePortalDbFunctions(this DbContextOptionsBuilder options)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new Extension());
        return options;
    }

    private sealed class Extension : IDbContextOptionsExtension
    {
        public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
            => new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, TranslatorPlugin>();

        public void Validate(IDbContextOptions options)
        {
        }
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using PortalDbFunctions ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["PortalDbFunctions"] = "1";
    }

    private sealed class TranslatorPlugin(ISqlExpressionFactory sql) : IMethodCallTranslatorPlugin
    {
        public IEnumerable<IMethodCallTranslator> Translators { get; } = [new IsLockedAtTranslator(sql)];
    }

    private sealed class IsLockedAtTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
    {
        public SqlExpression? Translate(SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
            => method == IsLockedAtMethod ? sql.MakeBinary(ExpressionType.GreaterThan, arguments[0], arguments[1], null) : null;
    }
}
