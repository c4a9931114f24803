using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Administration;

/// <summary>
/// Writes what an administrator did: always to the admin audit, and when it concerns a person, to that person's
/// security log too, both with the administrator's id as the actor.
/// </summary>
public sealed class AdminAuditService(IServiceScopeFactory scopes, SecurityLogService securityLog, IHttpContextAccessor http, TimeProvider clock)
{
    /// <summary>
    /// Writes the admin audit only: for actions on no person, or on a person whose security log the acting service
    /// already writes with the administrator as actor (<paramref name="targetUserId"/>).
    /// </summary>
    public async Task RecordAsync(Guid actorId, AdminAction action, string? detail = null, Guid? organizationId = null, Guid? targetUserId = null, CancellationToken cancellationToken = default)
    {
        // Its own unit of work, like the security log: written whatever the request's context holds.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.AdminAuditEntries.Add(Entry(actorId, action, targetUserId, organizationId, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordOnPersonAsync(Guid actorId, AdminAction action, Guid userId, SecurityEventType personEvent, string? detail = null, string? alsoToEmail = null, CancellationToken cancellationToken = default)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AdminAuditEntries.Add(Entry(actorId, action, userId, null, detail));
            await db.SaveChangesAsync(cancellationToken);
        }

        await securityLog.RecordAsync(userId, personEvent, detail, actorId, alsoToEmail, cancellationToken);
    }

    private AdminAuditEntry Entry(Guid actorId, AdminAction action, Guid? userId, Guid? organizationId, string? detail) => new()
    {
        ActorId = actorId,
        Action = action,
        OccurredAt = clock.GetUtcNow().UtcDateTime,
        TargetUserId = userId,
        TargetOrganizationId = organizationId,
        IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        Detail = detail is null || detail.Length <= SecurityEventConfiguration.DetailMaxLength ? detail : detail[..SecurityEventConfiguration.DetailMaxLength],
    };
}
