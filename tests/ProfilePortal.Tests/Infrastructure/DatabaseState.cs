using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// Everything a request could change on purpose, as one string: tests take it before and after a refused request and
/// assert both are equal ("nothing changed"). Left out is what merely using the site writes: sign-in times, failed
/// attempt counters, session activity, token last use, the security log, Data Protection keys.
/// </summary>
public static class DatabaseState
{
    public static Task<string> DatabaseStateAsync(this PortalFactory factory) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var state = new StringBuilder();
        foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync())
        {
            state.AppendLine(string.Join("|", "user", u.Id, u.UserName, u.Email, u.EmailConfirmed, u.PasswordHash, u.SecurityStamp, u.LockoutEnd,
                u.DisabledAt, u.FirstName, u.LastName, u.Title, u.PhoneNumber, u.Address, u.Bio, u.TimeZoneId, u.ProfileVersion,
                u.HasAvatar, u.AvatarVersion, u.AvatarIsCharacter, u.OrganizationId, u.DepartmentId));
        }

        foreach (var r in await db.UserRoles.AsNoTracking().OrderBy(r => r.UserId).ThenBy(r => r.RoleId).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"role|{r.UserId}|{r.RoleId}");
        foreach (var t in await db.PersonalAccessTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync())
            state.AppendLine(string.Join("|", "token", t.Id, t.UserId, t.Description, t.Scopes, t.ExpiresAt, t.RevokedAt));
        foreach (var s in await db.UserSessions.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.UserId, s.ExpiresAt }).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"session|{s.Id}|{s.UserId}");
        foreach (var a in await db.UserAvatars.AsNoTracking().OrderBy(a => a.UserId).Select(a => new { a.UserId, a.Version }).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"avatar|{a.UserId}|{a.Version}");
        foreach (var c in await db.AvatarCharacters.AsNoTracking().OrderBy(c => c.UserId).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"character|{c.UserId}|{c.Document}");
        foreach (var o in await db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => new { o.Id, o.Name, o.LogoVersion }).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"organization|{o.Id}|{o.Name}|{o.LogoVersion}");
        foreach (var d in await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync())
            state.AppendLine(CultureInfo.InvariantCulture, $"department|{d.Id}|{d.OrganizationId}|{d.Name}");
        foreach (var p in await db.ProvisioningTokens.AsNoTracking().OrderBy(p => p.Id).ToListAsync())
            state.AppendLine(string.Join("|", "provisioning-token", p.Id, p.Name, p.RevokedAt));
        state.AppendLine(CultureInfo.InvariantCulture, $"audit|{await db.AdminAuditEntries.CountAsync()}");
        return state.ToString();
    });
}
