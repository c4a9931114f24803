using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;

namespace ProfilePortal.Web.Api;

/// <summary>
/// The token handler's one read: a token by its SHA-256, with what the checks need of its account and the data versions
/// for cached answers (DataVersions). On SQLite it runs as a statement kept prepared (SqlitePreparedReads), on
/// PostgreSQL as EF's compiled query; both read the same columns (TokenLookupTests compares them row for row).
/// </summary>
public sealed class TokenLookup(SqlitePreparedReads? sqlite = null)
{
    /// <summary>The token's columns the checks read (the description, prefix and the like stay in the database).</summary>
    public sealed record Found(PersonalAccessToken Token, string? UserName, DateTime? DisabledAt, DateTimeOffset? LockoutEnd,
        long PersonVersion, long SharedVersion);

    /// <summary>The token with this hash, or null. The request's AppDbContext is leased only where EF reads.</summary>
    public Task<Found?> FindAsync(string hash, IServiceProvider requestServices, CancellationToken cancellationToken)
        => sqlite is null
            ? FindCompiledAsync(requestServices.GetRequiredService<AppDbContext>(), hash, cancellationToken)
            : Task.FromResult(FindPrepared(sqlite, hash));

    /// <summary>EF's compiled query: the per-request cost is the SQL round trip, not LINQ translation.</summary>
    public static readonly Func<AppDbContext, string, CancellationToken, Task<Found?>> FindCompiledAsync =
        EF.CompileAsyncQuery((AppDbContext context, string hash, CancellationToken _) =>
            (from t in context.PersonalAccessTokens.AsNoTracking()
             join u in context.Users on t.UserId equals u.Id
             where t.Hash == hash
             select new Found(
                 new PersonalAccessToken
                 {
                     Id = t.Id,
                     UserId = t.UserId,
                     Hash = t.Hash,
                     Scopes = t.Scopes,
                     ExpiresAt = t.ExpiresAt,
                     RevokedAt = t.RevokedAt,
                     LastUsedAt = t.LastUsedAt,
                 },
                 u.UserName, u.DisabledAt, u.LockoutEnd,
                 EF.Property<long>(u, DataVersions.PersonColumn), context.SharedDataVersions.Where(v => v.Id == SharedDataVersion.RowId).Select(v => v.Version).FirstOrDefault()))
            .FirstOrDefault());

    // The same read in SQLite's SQL, columns in the order Map reads them. Values come back as EF stores them on SQLite:
    // GUIDs and times as text, times in UTC (UtcDateTimeConverter), the scopes as an integer.
    private const string Sql = """
        SELECT t."Id", t."UserId", t."Hash", t."Scopes", t."ExpiresAt", t."RevokedAt", t."LastUsedAt",
               u."UserName", u."DisabledAt", u."LockoutEnd", u."DataVersion",
               (SELECT v."Version" FROM "SharedDataVersion" AS v WHERE v."Id" = 1)
        FROM "PersonalAccessTokens" AS t
        INNER JOIN "AspNetUsers" AS u ON t."UserId" = u."Id"
        WHERE t."Hash" = @hash
        LIMIT 1
        """;

    public static Found? FindPrepared(SqlitePreparedReads reads, string hash) => reads.ReadFirst(Sql, "@hash", hash, Map);

    private static Found Map(SqliteDataReader row) => new(
        new PersonalAccessToken
        {
            Id = row.GetGuid(0),
            UserId = row.GetGuid(1),
            Hash = row.GetString(2),
            Scopes = (TokenScopes)row.GetInt32(3),
            ExpiresAt = UtcOrNull(row, 4),
            RevokedAt = UtcOrNull(row, 5),
            LastUsedAt = UtcOrNull(row, 6),
        },
        row.IsDBNull(7) ? null : row.GetString(7),
        UtcOrNull(row, 8),
        row.IsDBNull(9) ? null : row.GetDateTimeOffset(9),
        row.GetInt64(10),
        row.IsDBNull(11) ? 0 : row.GetInt64(11));

    private static DateTime? UtcOrNull(SqliteDataReader row, int ordinal)
        => row.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(row.GetDateTime(ordinal), DateTimeKind.Utc);
}
