using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Tokens;

/// <summary>"Token is active" in SQL (on this run's provider) and in memory: the same tokens, to the second.</summary>
public class TokenRulesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // Whole seconds, so PostgreSQL's microsecond timestamps hold the instants exactly.
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Active_AroundTheExpiryInstant_QueryAndMemoryAgree()
    {
        var user = await factory.CreateUserAsync();
        var tokens = new Dictionary<string, PersonalAccessToken>
        {
            ["never expires"] = Token(user.Id, expiresAt: null),
            ["expires in a second"] = Token(user.Id, expiresAt: Now.AddSeconds(1)),
            ["expires now"] = Token(user.Id, expiresAt: Now),
            ["expired a second ago"] = Token(user.Id, expiresAt: Now.AddSeconds(-1)),
            ["revoked"] = Token(user.Id, expiresAt: null, revokedAt: Now.AddDays(-1)),
        };
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.PersonalAccessTokens.AddRange(tokens.Values);
            await db.SaveChangesAsync();
        });

        var (active, withdrawn) = await factory.InScopeAsync(async sp =>
        {
            var mine = sp.GetRequiredService<AppDbContext>().PersonalAccessTokens.Where(t => t.UserId == user.Id);
            return (await mine.Where(TokenRules.Active.At(Now)).Select(t => t.Id).ToListAsync(),
                await mine.Where(TokenRules.Active.NotAt(Now)).Select(t => t.Id).ToListAsync());
        });

        string[] expectedActive = ["never expires", "expires in a second"];
        Assert.Equal(expectedActive.Order(), Names(active).Order());
        Assert.Equal(tokens.Keys.Except(expectedActive).Order(), Names(withdrawn).Order());
        Assert.Equal(expectedActive.Order(), tokens.Where(t => TokenRules.Active.Matches(t.Value, Now)).Select(t => t.Key).Order());

        IEnumerable<string> Names(IEnumerable<Guid> ids) => ids.Select(id => tokens.Single(t => t.Value.Id == id).Key);
    }

    private static PersonalAccessToken Token(Guid userId, DateTime? expiresAt, DateTime? revokedAt = null)
    {
        var value = TokenFormat.Generate();
        return new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Hash = TokenFormat.Hash(value),
            DisplayPrefix = TokenFormat.DisplayPrefix(value),
            Scopes = TokenScopes.Read,
            CreatedAt = Now.AddDays(-2),
            ExpiresAt = expiresAt,
            RevokedAt = revokedAt,
        };
    }
}
