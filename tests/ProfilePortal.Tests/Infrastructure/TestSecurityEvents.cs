using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Tests.Infrastructure;

public static class TestSecurityEvents
{
    /// <summary>Writes a security log event as the feature that does it would, e.g. a SCIM change with the provisioning token as actor.</summary>
    public static Task RecordSecurityEventAsync(this PortalFactory factory, Guid userId, SecurityEventType type, string? detail = null, Guid? actorId = null)
        => factory.InScopeAsync(sp => sp.GetRequiredService<SecurityLogService>().RecordAsync(userId, type, detail, actorId));
}
