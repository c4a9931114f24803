using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Persistence;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Api;

/// <summary>Counts (and keeps) the SQL commands the app sends, to show which requests never reach the database.</summary>
public class CommandCountingFactory : PortalFactory
{
    private readonly ConcurrentQueue<string> _texts = new();
    public int Commands => _texts.Count;

    /// <summary>The text of every command sent after the first <paramref name="count"/> (see <see cref="Commands"/>).</summary>
    public string[] CommandTextsSince(int count) => _texts.Skip(count).ToArray();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The notification worker and scheduler query on their own schedule (and right after a token is created, to
        // send its alert): counted here they would make a request's count depend on timing.
        builder.UseSetting("Notifications:Worker:Enabled", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IInterceptor>(new Counter(this));
            services.AddTransient<IStartupFilter>(_ => new PreparedReadCounter(this));
        });
    }

    private void Count(string commandText) => _texts.Enqueue(commandText);

    /// <summary>On SQLite the token lookup runs outside EF (SqlitePreparedReads): its statements count too.</summary>
    private sealed class PreparedReadCounter(CommandCountingFactory owner) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            if (app.ApplicationServices.GetService<SqlitePreparedReads>() is { } reads) reads.Executing = owner.Count;
            next(app);
        };
    }

    private sealed class Counter(CommandCountingFactory owner) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            owner.Count(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            owner.Count(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public class TokenAuthenticationTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    private const string Me = "/api/v1/me";

    [Fact]
    public async Task Get_NoToken_Is401WithBearerChallengeAndProblemBody()
    {
        var response = await factory.ApiClient(null).GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("ppt_short")]
    [InlineData("not-a-token-at-all")]
    [InlineData("ppt_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq000000")]
    public async Task Get_MalformedToken_Is401InvalidToken(string token)
    {
        var response = await factory.ApiClient(token).GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Get_ForgedTokenWithBadChecksum_Is401WithoutADatabaseQuery()
    {
        var real = TokenFormat.Generate();
        var forged = real[..^1] + (real[^1] == 'a' ? 'b' : 'a');
        var client = factory.ApiClient(forged);
        await client.GetAsync(Me);

        var before = factory.Commands;
        var response = await client.GetAsync(Me);
        var forgedQueries = factory.Commands - before;

        // The same request with a well-formed but unknown token does reach the database: the counter works.
        before = factory.Commands;
        var unknown = await factory.ApiClient(TokenFormat.Generate()).GetAsync(Me);
        var unknownQueries = factory.Commands - before;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("malformed", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, forgedQueries);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("unknown", unknown.Headers.WwwAuthenticate.ToString());
        Assert.True(unknownQueries > 0);
    }

    [Fact]
    public async Task Get_ExpiredToken_Is401FromTheMomentItExpires()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, expiresAtUtc: factory.Clock.GetUtcNow().UtcDateTime.AddHours(1));
        var client = factory.ApiClient(token.Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Me)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromHours(1));
        var response = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Get_RevokedToken_Is401()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        await factory.InScopeAsync(sp => sp.GetRequiredService<TokenService>().RevokeAsync(user.Id, token.Token.Id, default));

        var response = await factory.ApiClient(token.Value).GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Get_TokenOfDisabledOrLockedAccount_Is401()
    {
        var disabled = await factory.CreateUserAsync();
        var locked = await factory.CreateUserAsync();
        var disabledToken = await factory.CreateTokenAsync(disabled);
        var lockedToken = await factory.CreateTokenAsync(locked);
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = factory.Clock.GetUtcNow();
            await db.Users.Where(u => u.Id == disabled.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, now.UtcDateTime));
            await db.Users.Where(u => u.Id == locked.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, now.AddMinutes(15)));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(disabledToken.Value).GetAsync(Me)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(lockedToken.Value).GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Get_SignedInBrowserCookieAlone_Is401()
    {
        var user = await factory.CreateUserAsync();
        var browser = await factory.SignedInClientAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Settings/Profile")).StatusCode);

        var response = await browser.GetAsync(Me);
        var patch = await browser.PatchAsync(Me, new StringContent("""{"title":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, patch.StatusCode);
        Assert.Null((await factory.LoadUserAsync(user.Id)).Title);
    }

    [Fact]
    public async Task Get_CookieOfOnePersonAndTokenOfAnother_AnswersForTheTokenOwner()
    {
        var browserUser = await factory.CreateUserAsync();
        var tokenUser = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(tokenUser);
        var browser = await factory.SignedInClientAsync(browserUser);
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);

        var body = await browser.GetStringAsync(Me);

        Assert.Contains(tokenUser.Id.ToString(), body);
        Assert.DoesNotContain(browserUser.Id.ToString(), body);
    }

    [Fact]
    public async Task LastUsed_IsWrittenAtMostOncePerMinuteWithTheClientAddress()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var client = factory.ApiClient(token.Value);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "203.0.113.7");

        await client.GetAsync(Me);
        var first = (await factory.LoadTokenAsync(token.Token.Id))!;
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        client.DefaultRequestHeaders.Remove(ClientAddressStartupFilter.Header);
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "198.51.100.9");
        var before = factory.Commands;
        await client.GetAsync(Me);
        var queriesWithinTheMinute = factory.Commands - before;
        var second = (await factory.LoadTokenAsync(token.Token.Id))!;
        factory.Clock.Advance(TimeSpan.FromSeconds(31));
        await client.GetAsync(Me);
        var third = (await factory.LoadTokenAsync(token.Token.Id))!;

        Assert.Equal("203.0.113.7", first.LastUsedIp);
        Assert.NotNull(first.LastUsedAt);
        Assert.Equal(first.LastUsedAt, second.LastUsedAt);
        Assert.Equal("203.0.113.7", second.LastUsedIp);
        Assert.True(third.LastUsedAt > first.LastUsedAt);
        Assert.Equal("198.51.100.9", third.LastUsedIp);
        // Within the minute: the token lookup only (it reads the data versions too, and the answer of the first request
        // is still theirs: MeAnswerCache), no write.
        Assert.Equal(1, queriesWithinTheMinute);
    }

    [Fact]
    public async Task Logs_NeverContainTheTokenValue()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);
        var client = factory.ApiClient(token.Value);

        await client.GetAsync(Me);
        await client.PatchAsync(Me, new StringContent("""{"firstName":""}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(token.Value[8..], StringComparison.Ordinal));
    }
}
