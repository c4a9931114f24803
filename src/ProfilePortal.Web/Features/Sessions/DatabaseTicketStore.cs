using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>
/// The cookie handler's session store (SPEC 2.7): the cookie carries only a random key, the ticket lives in
/// UserSessions. Every request reads the row, with no cache, so a deleted row ends the session at once on every
/// app instance. What is cached is only the work of decoding the row's ticket: a node keeps the tickets it decoded
/// with the exact protected bytes they came from, and uses one again only while the row read in this request still
/// holds those bytes (a renewal or a rebuild on any node writes new ones).
/// </summary>
public sealed class DatabaseTicketStore(
    IServiceScopeFactory scopes,
    IDataProtectionProvider dataProtection,
    TimeProvider clock,
    IOptionsMonitor<SessionOptions> options) : ITicketStore, IDisposable
{
    /// <summary>Claim carrying the session's public id, so pages know which session is "this device".</summary>
    public const string SessionIdClaim = "pp:sid";

    /// <summary>Properties item holding the session's id: present on a ticket re-issued for an existing session.</summary>
    public const string IdItem = "pp.session.id";

    /// <summary>Ticks (UTC) of the sign-in that started the session; re-authentication counts from it too.</summary>
    public const string CreatedItem = "pp.session.created";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ProfilePortal.Sessions.Ticket.v1");

    /// <summary>At most this many decoded tickets are kept per node (one per active session; least recently used go first).</summary>
    public const int DecodedTicketCacheSize = 20_000;

    /// <summary>
    /// Decoded tickets by session id. Decrypting and deserializing the ticket was most of a signed-in request's session
    /// cost; comparing its bytes with the row's is a memcmp. Entries are never trusted alone: see RetrieveAsync.
    /// </summary>
    private readonly MemoryCache _decoded = new(new MemoryCacheOptions { SizeLimit = DecodedTicketCacheSize, CompactionPercentage = 0.25 });

    private sealed record DecodedTicket(byte[] Protected, AuthenticationTicket Ticket);

    public void Dispose() => _decoded.Dispose();

    /// <summary>True when these properties belong to a ticket this store issued (a refresh, not a new sign-in).</summary>
    public static bool IsSessionOf(AuthenticationProperties? properties)
        => properties is not null && properties.Items.TryGetValue(IdItem, out var id) && Guid.TryParse(id, out _);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) => StoreAsync(ticket, null!, cancellationToken);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = Guid.Parse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var items = ticket.Properties.Items;

        // RefreshSignInAsync re-issues the ticket with the same properties: keep the session's id and sign-in time,
        // but always under a new key. A real sign-in starts without them and gets a new session.
        var refreshed = items.TryGetValue(IdItem, out var idText) && Guid.TryParse(idText, out _)
                        && items.TryGetValue(CreatedItem, out var createdText)
                        && long.TryParse(createdText, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        if (!refreshed)
        {
            items[IdItem] = Guid.NewGuid().ToString();
            items[CreatedItem] = now.Ticks.ToString(CultureInfo.InvariantCulture);
        }

        var id = Guid.Parse(items[IdItem]!);
        var createdTicks = long.Parse(items[CreatedItem]!, NumberStyles.None, CultureInfo.InvariantCulture);
        var created = new DateTime(createdTicks, DateTimeKind.Utc);
        SetSessionIdClaim(ticket, id);

        var key = WebEncodersBase64Url(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (refreshed)
        {
            // Only the person's own session is replaced; a stale id in another person's ticket replaces nothing.
            await db.UserSessions.Where(s => s.Id == id && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        }

        var userAgent = httpContext?.Request.Headers.UserAgent.ToString();
        db.UserSessions.Add(new UserSession
        {
            Id = id,
            KeyHash = Hash(key),
            UserId = userId,
            Ticket = Protect(ticket),
            CreatedAt = created,
            LastActivityAt = now,
            ExpiresAt = created + options.CurrentValue.AbsoluteLifetime,
            IsPersistent = ticket.Properties.IsPersistent,
            IpAddress = httpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, SecurityEventConfiguration.UserAgentMaxLength)],
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) => RenewAsync(key, ticket, null!, cancellationToken);

    /// <summary>
    /// Called when the cookie handler re-issues the ticket of the session it read in this request (RefreshSignInAsync
    /// after a name or credential change). The new principal is built without the session id claim: it is put back, so
    /// pages still know "this device". A ticket of another person never lands in this row: the session ends instead.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.UserSessions.AsNoTracking().Where(s => s.KeyHash == hash)
            .Select(s => new { s.Id, s.UserId }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return;

        if (!BelongsTo(ticket, row.UserId))
        {
            await db.UserSessions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        SetSessionIdClaim(ticket, row.Id);
        var bytes = Protect(ticket);
        await db.UserSessions.Where(s => s.Id == row.Id && s.UserId == row.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) => RetrieveAsync(key, null!, cancellationToken);

    private sealed record SessionRow(UserSession Session, AppUser? Account, DateTime? DisabledAt, string? Stamp, long PersonVersion);

    // Compiled once: the per-request cost is the SQL round trip, not LINQ translation. Of the account, this one reads
    // only what the store judges by.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<SessionRow?>> FindByKeyHash =
        EF.CompileAsyncQuery((AppDbContext db, string hash, CancellationToken _) =>
            (from s in db.UserSessions.AsNoTracking()
             join u in db.Users on s.UserId equals u.Id
             where s.KeyHash == hash
             select new SessionRow(s, null, u.DisabledAt, u.ConcurrencyStamp, EF.Property<long>(u, DataVersions.PersonColumn)))
            .FirstOrDefault());

    // This one also reads the whole account row as the request's tracked AppUser (a tracking query; the session's
    // columns, without the user agent no request needs, go into an untracked object). SessionRow.Account is read by no
    // code: the page's UserManager.GetUserAsync finds the entity in the change tracker instead of reading the row again.
    // On SQLite every execution prepares its statement anew, and preparing the wide one costs about what the second read
    // saves: endpoints that answer without the account (ISessionAccountNotNeeded) get the narrow read.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<SessionRow?>> FindWithAccount =
        EF.CompileAsyncQuery((AppDbContext db, string hash, CancellationToken _) =>
            (from s in db.UserSessions
             join u in db.Users on s.UserId equals u.Id
             where s.KeyHash == hash
             select new SessionRow(
                 new UserSession
                 {
                     Id = s.Id,
                     UserId = s.UserId,
                     Ticket = s.Ticket,
                     CreatedAt = s.CreatedAt,
                     LastActivityAt = s.LastActivityAt,
                     ExpiresAt = s.ExpiresAt,
                     IsPersistent = s.IsPersistent,
                     IpAddress = s.IpAddress,
                 },
                 u,
                 u.DisabledAt,
                 u.ConcurrencyStamp,
                 EF.Property<long>(u, DataVersions.PersonColumn)))
            .FirstOrDefault());

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = options.CurrentValue;
        // During a request, the request's own (pooled) context: its connection is opened here and kept for the page's
        // queries, so a signed-in request opens one pooled SQLite connection instead of one per query. The context
        // closes it when it goes back to the pool at the end of the request.
        await using var ownScope = httpContext is null ? scopes.CreateAsyncScope() : (AsyncServiceScope?)null;
        var services = httpContext?.RequestServices ?? ownScope!.Value.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        if (httpContext is not null) await db.Database.OpenConnectionAsync(cancellationToken);

        // One indexed read per request, joined with the account so a disabled person's sessions stop at once and a
        // changed account (role, email, name) is noticed. The account it reads is the one the request's pages use (see
        // FindWithAccount), and its data version (a column of that row) keys kept renderings; the shared version is read
        // only by the pages that keep one.
        var withAccount = httpContext is not null && httpContext.GetEndpoint()?.Metadata.GetMetadata<ISessionAccountNotNeeded>() is null;
        var found = await (withAccount ? FindWithAccount : FindByKeyHash)(db, hash, cancellationToken);
        if (found is null) return null;

        var row = found.Session;
        if (SessionRules.Ended.Matches(row, new SessionClock(now, settings.IdleTimeout)) || found.DisabledAt is not null)
        {
            await db.UserSessions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        var ticket = Decode(row.Id, row.Ticket);
        if (ticket is null) return null;
        if (!BelongsTo(ticket, row.UserId))
        {
            // A row only ever carries its own person's ticket; anything else is refused and the session ends.
            await db.UserSessions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        if (ticket.Principal.FindFirstValue(PortalClaims.AccountStamp) != found.Stamp)
        {
            // The account changed since these claims were built (an administrator changed the role, say): rebuild them
            // now, so permissions follow the account on the next request rather than at the next sign-in.
            ticket = await RebuildAsync(services, db, row.Id, ticket, cancellationToken);
            if (ticket is null) return null;
        }

        httpContext?.Features.Set(new PersonDataVersion(found.PersonVersion));
        if (now - row.LastActivityAt >= settings.ActivityWriteInterval)
        {
            var ip = httpContext?.Connection.RemoteIpAddress?.ToString() ?? row.IpAddress;
            await db.UserSessions.Where(s => s.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now).SetProperty(x => x.IpAddress, ip), cancellationToken);
        }

        return ticket;
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    public async Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<AuthenticationTicket?> RebuildAsync(IServiceProvider services, AppDbContext db, Guid sessionId, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        if (user is null) return null;

        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        if (principal.Identity is ClaimsIdentity identity)
        {
            foreach (var kept in ticket.Principal.Claims.Where(c => c.Type == SessionIdClaim || PortalClaims.KeptOnRebuild.Contains(c.Type)))
                identity.AddClaim(new Claim(kept.Type, kept.Value));
        }

        var rebuilt = new AuthenticationTicket(principal, ticket.Properties, ticket.AuthenticationScheme);
        var bytes = Protect(rebuilt);
        await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes), cancellationToken);
        return rebuilt;
    }

    private static bool BelongsTo(AuthenticationTicket ticket, Guid userId)
        => Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var ticketUserId) && ticketUserId == userId;

    private static void SetSessionIdClaim(AuthenticationTicket ticket, Guid sessionId)
    {
        if (ticket.Principal.Identity is not ClaimsIdentity identity) return;
        foreach (var old in identity.FindAll(SessionIdClaim).ToList()) identity.RemoveClaim(old);
        identity.AddClaim(new Claim(SessionIdClaim, sessionId.ToString()));
    }

    /// <summary>The key is a bearer secret; only its hash is stored.</summary>
    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    /// <summary>
    /// The ticket in these protected bytes, decoded once per node and then copied: the cookie handler and the pages
    /// may change the ticket of their request (its properties on a refresh, claims on a rebuild), never another's.
    /// </summary>
    private AuthenticationTicket? Decode(Guid sessionId, byte[] protectedTicket)
    {
        if (_decoded.TryGetValue(sessionId, out DecodedTicket? cached) && cached!.Protected.AsSpan().SequenceEqual(protectedTicket))
            return cached.Ticket.Clone();

        var ticket = Unprotect(protectedTicket);
        if (ticket is null) return null;
        _decoded.Set(sessionId, new DecodedTicket(protectedTicket, ticket.Clone()),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return ticket;
    }

    private AuthenticationTicket? Unprotect(byte[] data)
    {
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(data));
        }
        catch (CryptographicException)
        {
            // Keys lost or rotated out: treat as signed out rather than failing the request.
            return null;
        }
    }

    private static string WebEncodersBase64Url(byte[] bytes) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(bytes);
}
