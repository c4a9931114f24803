using Microsoft.Extensions.Caching.Memory;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Api;

/// <summary>
/// GET /api/v1/me's answers by person, each with the data versions it was built at (DataVersions). One is used again
/// only while the versions the token lookup read in this request are the same, so any change to what it shows, made
/// on any node and by any path, is seen at the next request: the triggers raise a version in the writing transaction.
/// The token itself (revoked, expired, account disabled or locked) is still checked on every request before this.
/// </summary>
public sealed class MeAnswerCache : IDisposable
{
    /// <summary>At most this many answers per node (least recently used go first); a few hundred bytes each.</summary>
    public const int Size = 20_000;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = Size, CompactionPercentage = 0.25 });

    /// <summary>An answer: its UTF-8 JSON and the profile version for its ETag.</summary>
    public sealed record Answer(DataVersionStamp Versions, byte[] Json, int ProfileVersion);

    public Answer? Find(Guid userId, DataVersionStamp versions)
        => _answers.TryGetValue(userId, out Answer? answer) && answer!.Versions == versions ? answer : null;

    /// <summary>
    /// Keeps an answer built after its versions were read: its data are at least that new, so the versions can never
    /// vouch for older data. (Two requests racing may leave the older of two answers: the next request rebuilds it.)
    /// </summary>
    public void Keep(Guid userId, Answer answer)
        => _answers.Set(userId, answer, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Idle });

    public void Dispose() => _answers.Dispose();
}
