using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Api;

/// <summary>
/// The token handler's read. On SQLite it is SQL of its own, kept prepared (SqlitePreparedReads): it must read exactly
/// what EF's compiled query reads, for tokens and accounts in every state the handler judges, and see writes made
/// after its statement was prepared. On PostgreSQL the handler reads through EF.
/// </summary>
public class TokenLookupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void TheLookup_IsPreparedOnSqliteAndEfsOnPostgres()
        => Assert.Equal(!TestDatabase.IsPostgres, factory.Services.GetService<SqlitePreparedReads>() is not null);

    [Fact]
    public async Task Find_TokensAndAccountsInEveryState_ReadsWhatEfReads()
    {
        var now = factory.Clock.GetUtcNow();
        var person = await factory.CreateUserAsync();
        var disabled = await factory.CreateUserAsync(u => u.DisabledAt = now.UtcDateTime.AddMinutes(-5));
        var locked = await factory.CreateUserAsync(u => u.LockoutEnd = now.AddHours(1));
        var plain = await factory.CreateTokenAsync(person);
        var expiring = await factory.CreateTokenAsync(person, TokenScopes.Read | TokenScopes.Write, now.UtcDateTime.AddDays(3));
        var revoked = await factory.CreateTokenAsync(person, TokenScopes.Write);
        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().PersonalAccessTokens.Where(t => t.Id == revoked.Token.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now.UtcDateTime.AddMinutes(-1)).SetProperty(t => t.LastUsedAt, now.UtcDateTime.AddMinutes(-2))));
        var ofDisabled = await factory.CreateTokenAsync(disabled);
        var ofLocked = await factory.CreateTokenAsync(locked);

        foreach (var created in new[] { plain, expiring, revoked, ofDisabled, ofLocked })
        {
            var (viaLookup, viaEf) = await ReadBothAsync(TokenFormat.Hash(created.Value));

            Assert.NotNull(viaLookup);
            Assert.Equal(Columns(viaEf!), Columns(viaLookup));
            Assert.Equal(created.Token.Id, viaLookup.Token.Id);
            Assert.All(new[] { viaLookup.Token.ExpiresAt, viaLookup.Token.RevokedAt, viaLookup.Token.LastUsedAt, viaLookup.DisabledAt },
                time => Assert.True(time is null || time.Value.Kind == DateTimeKind.Utc));
        }

        var (revokedRead, _) = await ReadBothAsync(TokenFormat.Hash(revoked.Value));
        Assert.NotNull(revokedRead!.Token.RevokedAt);
        Assert.NotNull(revokedRead.Token.LastUsedAt);
        Assert.Equal(TokenScopes.Read | TokenScopes.Write, (await ReadBothAsync(TokenFormat.Hash(expiring.Value))).ViaLookup!.Token.Scopes);
        Assert.NotNull((await ReadBothAsync(TokenFormat.Hash(ofDisabled.Value))).ViaLookup!.DisabledAt);
        Assert.Equal(now.AddHours(1), (await ReadBothAsync(TokenFormat.Hash(ofLocked.Value))).ViaLookup!.LockoutEnd!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal((null, null), await ReadBothAsync(TokenFormat.Hash(TokenFormat.Generate())));
    }

    [Fact]
    public async Task Find_AfterWritesMadeElsewhere_ReadsTheNewRow()
    {
        var person = await factory.CreateUserAsync();
        var created = await factory.CreateTokenAsync(person);
        var hash = TokenFormat.Hash(created.Value);
        var before = (await ReadBothAsync(hash)).ViaLookup!;

        // Plain SQL on another connection, as another node or a script would write.
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"PersonalAccessTokens\" SET \"RevokedAt\" = {DateTime.UtcNow} WHERE \"Id\" = {created.Token.Id}");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"SharedDataVersion\" SET \"Version\" = \"Version\" + 1");
        });
        var after = (await ReadBothAsync(hash)).ViaLookup!;

        Assert.Null(before.Token.RevokedAt);
        Assert.NotNull(after.Token.RevokedAt);
        Assert.Equal(before.SharedVersion + 1, after.SharedVersion);
    }

    private Task<(TokenLookup.Found? ViaLookup, TokenLookup.Found? ViaEf)> ReadBothAsync(string hash)
        => factory.InScopeAsync(async sp => (
            await sp.GetRequiredService<TokenLookup>().FindAsync(hash, sp, CancellationToken.None),
            await TokenLookup.FindCompiledAsync(sp.GetRequiredService<AppDbContext>(), hash, CancellationToken.None)));

    private static object Columns(TokenLookup.Found found) => new
    {
        found.Token.Id, found.Token.UserId, found.Token.Hash, found.Token.Scopes, found.Token.ExpiresAt, found.Token.RevokedAt,
        found.Token.LastUsedAt, found.UserName, found.DisabledAt, found.LockoutEnd, found.PersonVersion, found.SharedVersion,
    };
}
