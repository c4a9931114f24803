using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>What the two logs hold about administrators' actions on a person.</summary>
public static class AdminAudit
{
    public static Task<List<AdminAuditEntry>> AuditOfAsync(this PortalFactory factory, Guid personId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking()
            .Where(e => e.TargetUserId == personId).OrderBy(e => e.Id).ToListAsync());

    public static Task<List<SecurityEvent>> SecurityLogOfAsync(this PortalFactory factory, Guid personId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == personId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>Asserts the action is in the admin audit and the person's security log, both with the administrator as actor.</summary>
    public static async Task AssertAuditedAsync(this PortalFactory factory, Guid personId, Guid adminId, AdminAction action, SecurityEventType personEvent)
    {
        Assert.Contains(await factory.AuditOfAsync(personId), e => e.Action == action && e.ActorId == adminId);
        Assert.Contains(await factory.SecurityLogOfAsync(personId), e => e.Type == personEvent && e.ActorId == adminId);
    }
}
