using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Presence;

/// <summary>A person's activity status: what they chose, what others see, and when any of their sessions last made a request.</summary>
public sealed record Presence(ActivityStatus Chosen, ShownStatus Shown, DateTime? LastActivityAt);

public enum ActivityStatusChange
{
    Changed,
    Unchanged,
    NoSuchPerson,
}

/// <summary>
/// Sets the activity status a person chooses (SPEC 2.8) and reads what others see of it. The shown status is computed on
/// read from the sessions' last activity, which the session store already records: presence adds no write per request.
/// </summary>
public sealed class PresenceService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    SecurityLogService securityLog,
    TimeProvider clock,
    IOptionsMonitor<Sessions.SessionOptions> sessionOptions)
{
    /// <summary>
    /// Saves the person's choice through UserManager, so the account stamp changes and every session's claims (the
    /// menu's own dot) are rebuilt at its next request. Logged only when the value actually changes.
    /// </summary>
    public async Task<ActivityStatusChange> SetAsync(Guid userId, ActivityStatus status, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status), status, "Not an activity status.");
        var user = await userManager.FindByIdAsync(userId.ToString());
        if (user is null) return ActivityStatusChange.NoSuchPerson;

        // One retry: another change to the account (name, role) between our read and write changes its stamp.
        for (var attempt = 0; ; attempt++)
        {
            if (user.ActivityStatus == status) return ActivityStatusChange.Unchanged;
            user.ActivityStatus = status;
            var result = await userManager.UpdateAsync(user);
            if (result.Succeeded) break;
            if (attempt > 0 || result.Errors.All(e => e.Code != nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                throw new InvalidOperationException($"Activity status not saved: {string.Join(", ", result.Errors.Select(e => e.Code))}");
            }
            await db.Entry(user).ReloadAsync(cancellationToken);
        }

        await securityLog.RecordAsync(userId, SecurityEventType.ActivityStatusChanged, status.ToString(), cancellationToken: cancellationToken);
        return ActivityStatusChange.Changed;
    }

    /// <summary>The person's own presence (chosen, shown, last activity), or null when there is no such person.</summary>
    public async Task<Presence?> ReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await PresenceRows([userId], cancellationToken);
        return rows.TryGetValue(userId, out var presence) ? presence : null;
    }

    /// <summary>
    /// What others see of each of these people, in one query (a page of a list, never one query per row). People that
    /// do not exist are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, ShownStatus>> ShownStatusesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0) return new Dictionary<Guid, ShownStatus>();
        var rows = await PresenceRows(userIds, cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Value.Shown);
    }

    private async Task<Dictionary<Guid, Presence>> PresenceRows(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = userIds.Distinct().ToList();
        // An ended session (expired, idle past its timeout, not yet cleaned up) is a signed-out browser: it does not count.
        var liveSessions = db.UserSessions.Where(SessionRules.Ended.NotAt(new SessionClock(now, sessionOptions.CurrentValue.IdleTimeout)));
        var rows = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.ActivityStatus,
                LastActivityAt = liveSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.LastActivityAt),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r => new Presence(r.ActivityStatus, PresenceRules.Shown(r.ActivityStatus, r.LastActivityAt, now), r.LastActivityAt));
    }
}
