using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.Configurations;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>A provisioning token just created: <see cref="Value"/> is shown once and then exists nowhere on the server.</summary>
public sealed record CreatedProvisioningToken(ProvisioningToken Token, string Value);

/// <summary>
/// The tokens identity providers use for SCIM (SPEC 2.9a), managed by administrators on /Admin/Provisioning. Only the
/// SHA-256 of a token is stored; creating and revoking one is written to the admin audit.
/// </summary>
public sealed class ProvisioningTokenService(AppDbContext db, AdminAuditService audit, TimeProvider clock, IStringLocalizer<SharedResource> t)
{
    public const string NameField = "Name";

    /// <summary>Every token, active ones first, newest first.</summary>
    public async Task<IReadOnlyList<ProvisioningToken>> ListAsync(CancellationToken cancellationToken)
        => await db.ProvisioningTokens.AsNoTracking()
            .OrderBy(p => p.RevokedAt != null).ThenByDescending(p => p.CreatedAt)
            .ToListAsync(cancellationToken);

    /// <summary>Creates a token named <paramref name="name"/> (1–100 characters, unique), or says why not.</summary>
    public async Task<(CreatedProvisioningToken? Created, ValidationResult Validation)> CreateAsync(Guid actorId, string? name, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return (null, ValidationErrors.Failure(NameField, t["Enter a name, such as the identity provider's."]));
        // Direction overrides count as control characters: the name is shown as an actor in audit rows.
        if (TextRules.Length(trimmed) > ProvisioningTokenConfiguration.NameMaxLength || TextRules.HasControlCharacters(trimmed))
            return (null, ValidationErrors.Failure(NameField, t["The name must be at most {0} characters, without control characters.", ProvisioningTokenConfiguration.NameMaxLength]));
        if (await db.ProvisioningTokens.AnyAsync(p => p.Name == trimmed, cancellationToken))
            return (null, ValidationErrors.Failure(NameField, t["A provisioning token with this name exists already."]));

        var value = TokenFormat.Generate(TokenFormat.ProvisioningPrefix);
        var token = new ProvisioningToken
        {
            Id = Guid.NewGuid(),
            Name = trimmed,
            Hash = TokenFormat.Hash(value),
            DisplayPrefix = TokenFormat.DisplayPrefix(value),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            CreatedById = actorId,
        };
        db.ProvisioningTokens.Add(token);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator took the name between the check and the save: the unique index refused it.
            db.Entry(token).State = EntityState.Detached;
            return (null, ValidationErrors.Failure(NameField, t["A provisioning token with this name exists already."]));
        }

        await audit.RecordAsync(actorId, AdminAction.ProvisioningTokenCreated, $"{token.DisplayPrefix} {token.Name}", cancellationToken: cancellationToken);
        return (new CreatedProvisioningToken(token, value), new ValidationResult());
    }

    /// <summary>The token with this id if it is active (not revoked), else null.</summary>
    public Task<ProvisioningToken?> FindActiveAsync(Guid tokenId, CancellationToken cancellationToken)
        => db.ProvisioningTokens.AsNoTracking().FirstOrDefaultAsync(p => p.Id == tokenId && p.RevokedAt == null, cancellationToken);

    /// <summary>Revokes an active token: the identity provider is refused from its next request. False when there is no such active token.</summary>
    public async Task<bool> RevokeAsync(Guid actorId, Guid tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await FindActiveAsync(tokenId, cancellationToken) is not { } token) return false;
        var changed = await db.ProvisioningTokens.Where(p => p.Id == tokenId && p.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RevokedAt, now), cancellationToken);
        if (changed == 0) return false;
        await audit.RecordAsync(actorId, AdminAction.ProvisioningTokenRevoked, $"{token.DisplayPrefix} {token.Name}", cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>The names of the provisioning tokens among <paramref name="ids"/>: audit and security log rows name them as actors.</summary>
    public async Task<Dictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        => ids.Count == 0
            ? []
            : await db.ProvisioningTokens.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
}
