using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Web.Features.Tokens;

public sealed record TokenListing(IReadOnlyList<PersonalAccessToken> Active, IReadOnlyList<PersonalAccessToken> Withdrawn);

/// <summary>A token just created: <see cref="Value"/> is shown once and then exists nowhere on the server.</summary>
public sealed record CreatedToken(PersonalAccessToken Token, string Value);

/// <summary>A person's personal access tokens (SPEC 2.5). Every change is written to the person's security log.</summary>
public sealed class TokenService(AppDbContext db, SecurityLogService log, TimeProvider clock, IOptions<ApiTokenOptions> options)
{
    public async Task<TokenListing> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = Now;
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return new TokenListing(
            tokens.Where(t => TokenRules.Active.Matches(t, now)).OrderByDescending(t => t.CreatedAt).ToList(),
            tokens.Where(t => !TokenRules.Active.Matches(t, now)).OrderByDescending(TokenRules.WithdrawnAt).ToList());
    }

    /// <summary>One of the person's tokens that still works, or null (another person's, withdrawn or unknown).</summary>
    public async Task<PersonalAccessToken?> FindActiveAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var now = Now;
        return await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.Id == tokenId && t.UserId == userId).Where(TokenRules.Active.At(now))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public Task<int> CountActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = Now;
        return db.PersonalAccessTokens.Where(t => t.UserId == userId).CountAsync(TokenRules.Active.At(now), cancellationToken);
    }

    /// <summary>
    /// Creates a token, or returns null when the person already has the most active tokens allowed. The count and the
    /// insert run in one serialized transaction per person, so concurrent creations (other tabs, API clients, nodes)
    /// cannot pass the limit together.
    /// </summary>
    public async Task<CreatedToken?> CreateAsync(Guid userId, string? description, TokenScopes scopes, DateTime? expiresAtUtc, CancellationToken cancellationToken)
    {
        var value = TokenFormat.Generate();
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Hash = TokenFormat.Hash(value),
            DisplayPrefix = TokenFormat.DisplayPrefix(value),
            Description = description,
            Scopes = scopes,
            CreatedAt = Now,
            ExpiresAt = expiresAtUtc,
        };
        await using (var transaction = await db.Database.BeginSerializedAsync(SerializedScope.PersonalTokens, userId, cancellationToken))
        {
            if (await CountActiveAsync(userId, cancellationToken) >= options.Value.MaxActivePerPerson) return null;
            db.PersonalAccessTokens.Add(token);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: the security log writes through its own connection.
        await log.RecordAsync(userId, SecurityEventType.TokenCreated, Describe(token), cancellationToken: cancellationToken);
        return new CreatedToken(token, value);
    }

    /// <summary>Changes an active token's description and expiry; false when the person has no such active token.</summary>
    public async Task<bool> UpdateAsync(Guid userId, Guid tokenId, string? description, DateTime? expiresAtUtc, CancellationToken cancellationToken)
    {
        var now = Now;
        var changed = await db.PersonalAccessTokens
            .Where(t => t.Id == tokenId && t.UserId == userId).Where(TokenRules.Active.At(now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, description).SetProperty(t => t.ExpiresAt, expiresAtUtc), cancellationToken);
        if (changed == 0) return false;
        var token = await db.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId, cancellationToken);
        await log.RecordAsync(userId, SecurityEventType.TokenChanged, Describe(token), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Revokes an active token: it is refused from the next request on. Returns it, or null when the person has no such active token.</summary>
    public async Task<PersonalAccessToken?> RevokeAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await FindActiveAsync(userId, tokenId, cancellationToken);
        if (token is null) return null;
        var now = Now;
        var changed = await db.PersonalAccessTokens.Where(t => t.Id == tokenId).Where(TokenRules.Active.At(now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (changed == 0) return null;
        await log.RecordAsync(userId, SecurityEventType.TokenRevoked, Describe(token), cancellationToken: cancellationToken);
        return token;
    }

    /// <summary>Deletes a withdrawn (revoked or expired) token from the list. Active tokens must be revoked first.</summary>
    public async Task<bool> RemoveAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        var now = Now;
        var token = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.Id == tokenId && t.UserId == userId).Where(TokenRules.Active.NotAt(now))
            .FirstOrDefaultAsync(cancellationToken);
        if (token is null) return false;
        await db.PersonalAccessTokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(cancellationToken);
        await log.RecordAsync(userId, SecurityEventType.TokenRemoved, Describe(token), cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>Revokes every active token of the person; <paramref name="actorId"/> names an administrator doing it.</summary>
    public async Task<int> RevokeAllAsync(Guid userId, Guid? actorId, CancellationToken cancellationToken)
    {
        var now = Now;
        var revoked = await db.PersonalAccessTokens
            .Where(t => t.UserId == userId).Where(TokenRules.Active.At(now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await log.RecordAsync(userId, SecurityEventType.AllTokensRevoked, revoked.ToString(System.Globalization.CultureInfo.InvariantCulture), actorId, cancellationToken: cancellationToken);
        return revoked;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // The log shows which token it was by its display prefix and description; never the value.
    private static string Describe(PersonalAccessToken token)
        => string.IsNullOrEmpty(token.Description) ? token.DisplayPrefix : $"{token.DisplayPrefix} {token.Description}";
}
