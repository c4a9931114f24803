using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Web.Features.Administration;

/// <summary>Who acted on an account for someone else: an administrator, or an identity provider through a provisioning token.</summary>
public enum ActorKind
{
    Administrator,
    Provisioning,
}

/// <summary>An actor as audit and security log rows show it; <see cref="Name"/> is the administrator's name or "Provisioning: {token name}".</summary>
public sealed record AuditActor(ActorKind Kind, string Name);

/// <summary>
/// Names the ActorId of admin audit and security log rows, which holds an administrator's user id or a provisioning
/// token's id (issue 19). An id that is neither any more (the administrator's account was deleted) stays an
/// administrator shown by the id: provisioning tokens are revoked, never deleted.
/// </summary>
public sealed class AuditActors(AppDbContext db, ProvisioningTokenService tokens, IStringLocalizer<SharedResource> t)
{
    public async Task<IReadOnlyDictionary<Guid, AuditActor>> ResolveAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        var actors = new Dictionary<Guid, AuditActor>();
        if (wanted.Count == 0) return actors;

        foreach (var (id, name) in await tokens.NamesAsync(wanted, cancellationToken))
            actors[id] = new AuditActor(ActorKind.Provisioning, ProvisioningName(name));
        var people = wanted.Where(id => !actors.ContainsKey(id)).ToList();
        var names = people.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => people.Contains(u.Id))
                .Select(u => new { u.Id, u.FirstName, u.LastName }).ToDictionaryAsync(u => u.Id, u => $"{u.FirstName} {u.LastName}".Trim(), cancellationToken);
        foreach (var id in people)
            actors[id] = new AuditActor(ActorKind.Administrator, names.GetValueOrDefault(id, id.ToString()));
        return actors;
    }

    /// <summary>How a provisioning token is named as an actor, e.g. "Provisioning: Microsoft Entra ID".</summary>
    public string ProvisioningName(string tokenName) => t["Provisioning: {0}", tokenName];
}
