using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Web.Data;

/// <summary>
/// Two counters that database triggers raise in the same transaction as every write to what a person's cached answers
/// show, whoever writes (EF, bulk updates, raw SQL, any node): <c>AspNetUsers.DataVersion</c> for the person's own rows
/// (their account row, role assignments and attribute values) and the one <see cref="SharedDataVersion"/> row for rows
/// many people share (roles and their permissions, departments, organizations, attribute definitions). A cached answer
/// is used again only while both read in the same request are the ones it was built at (docs/architecture.md,
/// "Caches"). The triggers are created by the DataVersions migration of each provider.
/// </summary>
public static class DataVersions
{
    /// <summary>The shared version, for a request that already knows the person's (<see cref="PersonDataVersion"/>).</summary>
    public static readonly Func<AppDbContext, CancellationToken, Task<long>> ReadSharedAsync =
        EF.CompileAsyncQuery((AppDbContext db, CancellationToken _) => db.SharedDataVersions.Where(v => v.Id == SharedDataVersion.RowId).Select(v => v.Version).FirstOrDefault());

    /// <summary>The shadow property and column on AspNetUsers: no code sets it, only the triggers.</summary>
    public const string PersonColumn = "DataVersion";

    /// <summary>
    /// The tables whose triggers raise a version. SQLite's RETURNING clause cannot be combined with AFTER triggers, so
    /// EF saves these tables the older way there (SqliteAppDbContext).
    /// </summary>
    public static readonly IReadOnlyList<Type> TriggeredEntities =
    [
        typeof(AppUser), typeof(Microsoft.AspNetCore.Identity.IdentityUserRole<Guid>), typeof(AccountAttributeValue),
        typeof(AppRole), typeof(Microsoft.AspNetCore.Identity.IdentityRoleClaim<Guid>), typeof(Department), typeof(Organization),
        typeof(AccountAttributeDefinition),
    ];
}

/// <summary>The version of what many people share; one row, Id 1.</summary>
public sealed class SharedDataVersion
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// The two versions as this request read them (the token lookup puts them in the request's features), for a cached
/// answer's key.
/// </summary>
public sealed record DataVersionStamp(long Person, long Shared);

/// <summary>
/// The person's own version as the session read returned it (a column of the account row it joins), in the features of
/// a signed-in request. Only pages that keep a rendering add the shared version, so other pages pay nothing for it.
/// </summary>
public sealed record PersonDataVersion(long Value);
