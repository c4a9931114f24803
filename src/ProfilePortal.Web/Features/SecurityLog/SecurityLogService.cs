using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Notifications;

namespace ProfilePortal.Web.Features.SecurityLog;

public sealed record SecurityLogPage(IReadOnlyList<SecurityEvent> Events, int Page, int PageSize, bool HasNext);

/// <summary>Writes and reads the append-only security log (SPEC 2.4), with the request's IP and user agent.</summary>
public sealed class SecurityLogService(AppDbContext db, IServiceScopeFactory scopes, IHttpContextAccessor http, TimeProvider clock)
{
    public const int PageSize = 20;

    /// <summary>
    /// Appends the event and, for the events that call for one, queues its security alert (SPEC 2.8) in the same
    /// transaction; <paramref name="alsoToEmail"/> is an extra address the alert is mailed to (the old address when an
    /// administrator changes the email).
    /// </summary>
    public async Task RecordAsync(Guid userId, SecurityEventType type, string? detail = null, Guid? actorId = null,
        string? alsoToEmail = null, CancellationToken cancellationToken = default)
    {
        var request = http.HttpContext;
        var userAgent = request?.Request.Headers.UserAgent.ToString();
        // Its own unit of work: an event is written whatever else the request's context has pending (or failed).
        await using var scope = scopes.CreateAsyncScope();
        var log = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = new SecurityEvent
        {
            UserId = userId,
            Type = type,
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            IpAddress = request?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(userAgent) ? null : Truncate(userAgent, SecurityEventConfiguration.UserAgentMaxLength),
            Detail = detail is null ? null : Truncate(detail, SecurityEventConfiguration.DetailMaxLength),
            ActorId = actorId,
        };
        log.SecurityEvents.Add(entry);
        if (SecurityAlerts.AlertFor(type) is null)
        {
            await log.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await log.Database.BeginTransactionAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<SecurityAlerts>().AddAsync(log, entry, alsoToEmail, cancellationToken);
        await log.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records the event unless one of the same type was recorded for the person within <paramref name="interval"/>;
    /// true when it was written. For events anyone can repeat at will (sign-in to a locked account), so that the log
    /// cannot be flooded.
    /// </summary>
    public async Task<bool> RecordAtMostOncePerAsync(Guid userId, SecurityEventType type, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime - interval;
        if (await db.SecurityEvents.AnyAsync(e => e.UserId == userId && e.Type == type && e.OccurredAt > since, cancellationToken)) return false;
        await RecordAsync(userId, type, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>One page of the person's own events, newest first; page numbers start at 1.</summary>
    public async Task<SecurityLogPage> PageAsync(Guid userId, int page, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        var rows = await db.SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1)
            .ToListAsync(cancellationToken);
        return new SecurityLogPage(rows.Take(PageSize).ToList(), page, PageSize, rows.Count > PageSize);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
