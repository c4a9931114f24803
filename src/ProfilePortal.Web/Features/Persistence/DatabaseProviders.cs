namespace ProfilePortal.Web.Features.Persistence;

/// <summary>The databases the portal runs on (SPEC 1, 3): SQLite by default, PostgreSQL for several nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which provider this instance was started with; for the few places that must do a thing each provider's way.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider);

public static class DatabaseProviders
{
    public const string SettingName = "Database:Provider";

    /// <summary>The provider name of Npgsql's EF Core provider (its assembly's name), as a context reports it.</summary>
    public const string PostgresProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Whether the context runs on PostgreSQL. Not Npgsql's IsNpgsql(): that reads the name from one of its types, which
    /// loads Npgsql's EF Core provider into SQLite nodes too.
    /// </summary>
    public static bool IsPostgres(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
        => database.ProviderName == PostgresProviderName;

    /// <summary>Reads <c>Database:Provider</c>; anything but Sqlite or Postgres stops the start with a message naming the setting.</summary>
    public static DatabaseProvider FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        var name = Enum.GetNames<DatabaseProvider>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null
            ? Enum.Parse<DatabaseProvider>(name)
            : throw new InvalidOperationException($"{SettingName} is \"{value}\": use Sqlite (the default) or Postgres.");
    }
}
