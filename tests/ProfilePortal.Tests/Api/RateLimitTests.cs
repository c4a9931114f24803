using System.Net;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Api;

public sealed class SmallRateLimitFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimit:PermitLimit"] = "3",
        ["Api:RateLimit:Window"] = "00:10:00",
    };
}

public class RateLimitTests(SmallRateLimitFactory factory) : IClassFixture<SmallRateLimitFactory>
{
    [Fact]
    public async Task Get_OverTheLimit_Is429WithRetryAfter_AndOtherTokensAreNotAffected()
    {
        var user = await factory.CreateUserAsync();
        var busy = factory.ApiClient((await factory.CreateTokenAsync(user)).Value);
        var other = factory.ApiClient((await factory.CreateTokenAsync(user)).Value);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await busy.GetAsync("/api/v1/me")).StatusCode);
        var rejected = await busy.GetAsync("/api/v1/me");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
        Assert.Contains("3 requests per 600 seconds", await rejected.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/me")).StatusCode);
    }
}
