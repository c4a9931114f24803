using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Sessions;

public sealed record ActiveSession(Guid Id, DateTime CreatedAt, DateTime LastActivityAt, string? IpAddress, string? UserAgent, bool IsCurrent);

/// <summary>A person's active sessions: list them and end them (SPEC 2.7). Every ending lands in the security log.</summary>
public sealed class SessionService(
    AppDbContext db,
    SecurityLogService securityLog,
    DeviceDescription devices,
    TimeProvider clock,
    IOptionsMonitor<SessionOptions> options)
{
    public static Guid? CurrentSessionId(ClaimsPrincipal user)
        => Guid.TryParse(user.FindFirstValue(DatabaseTicketStore.SessionIdClaim), out var id) ? id : null;

    public async Task<IReadOnlyList<ActiveSession>> ListActiveAsync(Guid userId, Guid? currentId, CancellationToken cancellationToken)
    {
        var sessions = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId)
            .Where(SessionRules.Ended.NotAt(new SessionClock(clock.GetUtcNow().UtcDateTime, options.CurrentValue.IdleTimeout)))
            .Select(s => new { s.Id, s.CreatedAt, s.LastActivityAt, s.IpAddress, s.UserAgent })
            .ToListAsync(cancellationToken);
        return sessions
            .Select(s => new ActiveSession(s.Id, s.CreatedAt, s.LastActivityAt, s.IpAddress, s.UserAgent, s.Id == currentId))
            .OrderByDescending(s => s.IsCurrent).ThenByDescending(s => s.LastActivityAt)
            .ToList();
    }

    /// <summary>Ends one of the person's own sessions; false when no such session of theirs exists.</summary>
    public async Task<bool> EndAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var userAgent = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new { s.UserAgent }).FirstOrDefaultAsync(cancellationToken);
        if (userAgent is null) return false;

        var deleted = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0) return false;
        await securityLog.RecordAsync(userId, SecurityEventType.SessionEnded, devices.Describe(userAgent.UserAgent), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Ends every session of the person except the one given (the current device); returns how many ended.</summary>
    public async Task<int> EndOthersAsync(Guid userId, Guid? keepSessionId, CancellationToken cancellationToken)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Id != keepSessionId).ExecuteDeleteAsync(cancellationToken);
        await securityLog.RecordAsync(userId, SecurityEventType.OtherSessionsEnded, ended.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return ended;
    }
}
