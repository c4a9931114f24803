using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.PageCache;

/// <summary>
/// Signed-in pages' renderings, kept per person, address and variant (culture and every claim of the person's
/// ticket), each with the data versions it was rendered at (DataVersions). One is served again only while the versions
/// read in this request are the same and the page's own time limit has not passed, so a change made on
/// any node by any path shows at the next request. The antiforgery token is never kept: the rendering is kept in
/// parts around it and every response carries a token generated for that response. See docs/architecture.md, "Caches".
/// </summary>
public sealed class RenderedPageCache(TimeProvider clock) : IDisposable
{
    /// <summary>At most this many bytes of renderings per node (least recently used go first).</summary>
    public const long SizeLimitBytes = 32L * 1024 * 1024;

    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _renderings = new(new MemoryCacheOptions { SizeLimit = SizeLimitBytes, CompactionPercentage = 0.25 });

    /// <summary>What a rendering depends on besides the data versions.</summary>
    public sealed record Key(Guid UserId, string PathAndQuery, string Variant);

    /// <summary>A page's bytes, split where the request's antiforgery token was.</summary>
    public sealed class Rendering(DataVersionStamp versions, DateTimeOffset keepUntil, string contentType, ReadOnlyMemory<byte>[] parts)
    {
        public DataVersionStamp Versions { get; } = versions;
        public DateTimeOffset KeepUntil { get; } = keepUntil;
        public int Length { get; } = parts.Sum(p => p.Length);

        /// <summary>
        /// Writes the page with this response's own antiforgery token (which also sets the antiforgery cookie when the
        /// browser has none, and the no-store headers, as rendering a form does).
        /// </summary>
        public async Task WriteAsync(HttpContext context, IAntiforgery antiforgery)
        {
            var token = parts.Length > 1 ? Encoding.ASCII.GetBytes(antiforgery.GetAndStoreTokens(context).RequestToken!) : [];
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = Length + (long)token.Length * (parts.Length - 1);
            var body = response.BodyWriter;
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) body.Write(token);
                body.Write(parts[i].Span);
            }

            await body.FlushAsync(context.RequestAborted);
        }
    }

    /// <summary>The rendering kept for this key at exactly these versions, unless its time has passed.</summary>
    public Rendering? Find(Key key, DataVersionStamp versions)
        => _renderings.TryGetValue(key, out Rendering? rendering) && rendering!.Versions == versions && clock.GetUtcNow() < rendering.KeepUntil
            ? rendering
            : null;

    /// <summary>
    /// Keeps a page rendered after its versions were read: its data are at least that new, so the versions never vouch
    /// for older data. The page is split around every copy of the response's antiforgery token.
    /// </summary>
    public void Keep(Key key, DataVersionStamp versions, DateTimeOffset keepUntil, string contentType, byte[] page, string? antiforgeryToken)
    {
        var rendering = new Rendering(versions, keepUntil, contentType, Split(page, antiforgeryToken));
        _renderings.Set(key, rendering, new MemoryCacheEntryOptions { Size = Math.Max(1, page.Length), SlidingExpiration = Idle });
    }

    /// <summary>
    /// Everything a rendering depends on that is not in the database: the culture, and the claims the layout reads
    /// (name, email, avatar, activity status, appearance, permissions), all of them, length-prefixed so that no two
    /// different sets give the same text.
    /// </summary>
    public static string VariantOf(ClaimsPrincipal user)
    {
        var variant = new StringBuilder(1024)
            .Append(CultureInfo.CurrentCulture.Name).Append('|').Append(CultureInfo.CurrentUICulture.Name);
        foreach (var claim in user.Claims)
        {
            variant.Append('|').Append(claim.Type.Length).Append(':').Append(claim.Type)
                .Append(claim.Value.Length).Append(':').Append(claim.Value);
        }

        return variant.ToString();
    }

    internal static ReadOnlyMemory<byte>[] Split(byte[] page, string? token)
    {
        if (string.IsNullOrEmpty(token)) return [page];
        var needle = Encoding.ASCII.GetBytes(token);
        var parts = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        int found;
        while ((found = page.AsSpan(start).IndexOf(needle)) >= 0)
        {
            parts.Add(page.AsMemory(start, found));
            start += found + needle.Length;
        }

        parts.Add(page.AsMemory(start));
        return [.. parts];
    }

    public void Dispose() => _renderings.Dispose();
}
