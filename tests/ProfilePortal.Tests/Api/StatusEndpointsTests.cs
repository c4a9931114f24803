using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Tests.Api;

/// <summary>GET/PUT /api/v1/me/status (SPEC 2.8): the chosen and the shown status, set with the write scope.</summary>
public class StatusEndpointsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Status = "/api/v1/me/status";

    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<int> LogCountAsync(Guid userId) => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents
        .CountAsync(e => e.UserId == userId && e.Type == SecurityEventType.ActivityStatusChanged));

    [Fact]
    public async Task Get_SignedOutEverywhere_ChosenStatusAndOfflineWithoutActivity()
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.Busy);
        var token = await factory.CreateTokenAsync(user);

        var response = await factory.ApiClient(token.Value).GetAsync(Status);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("busy", body.GetProperty("status").GetString());
        Assert.Equal("offline", body.GetProperty("shownStatus").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("lastActivityAt").ValueKind);
    }

    [Fact]
    public async Task Get_OnlineAndSignedIn_IsOnlineThenAwayAfterTenMinutesWithoutARequest()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        await factory.SignedInClientAsync(user);
        var api = factory.ApiClient(token.Value);

        var now = await BodyAsync(await api.GetAsync(Status));
        factory.Clock.Advance(PresenceRules.AwayAfter);
        var later = await BodyAsync(await api.GetAsync(Status));

        Assert.Equal("online", now.GetProperty("shownStatus").GetString());
        Assert.Equal("online", later.GetProperty("status").GetString());
        Assert.Equal("away", later.GetProperty("shownStatus").GetString());
        Assert.Equal(now.GetProperty("lastActivityAt").GetDateTime(), later.GetProperty("lastActivityAt").GetDateTime());
        Assert.EndsWith("Z", later.GetProperty("lastActivityAt").GetString());
    }

    [Fact]
    public async Task Put_WriteToken_SetsTheStatusLogsItOnceAndAnswersTheNewState()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);
        var api = factory.ApiClient(token.Value);

        var response = await api.PutAsync(Status, Json("""{"status":"doNotDisturb"}"""));
        var again = await api.PutAsync(Status, Json("""{"status":"doNotDisturb"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("doNotDisturb", body.GetProperty("status").GetString());
        Assert.Equal("offline", body.GetProperty("shownStatus").GetString());
        Assert.Equal(ActivityStatus.DoNotDisturb, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
        Assert.Equal(1, await LogCountAsync(user.Id));
        Assert.Equal("doNotDisturb", (await BodyAsync(await api.GetAsync(Status))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Put_AppearOffline_OthersSeeOfflineThoughSignedIn()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);
        await factory.SignedInClientAsync(user);

        var body = await BodyAsync(await factory.ApiClient(token.Value).PutAsync(Status, Json("""{"status":"appearOffline"}""")));

        Assert.Equal("appearOffline", body.GetProperty("status").GetString());
        Assert.Equal("offline", body.GetProperty("shownStatus").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("lastActivityAt").ValueKind);
    }

    [Theory]
    [InlineData("""{"status":"sleeping"}""", "status", "one of these statuses: online, away, busy, doNotDisturb, appearOffline")]
    [InlineData("""{"status":"Busy"}""", "status", "one of these statuses")]
    [InlineData("""{"status":"DoNotDisturb"}""", "status", "one of these statuses")]
    [InlineData("""{"status":2}""", "status", "'status' must be a string")]
    [InlineData("""{"status":null}""", "status", "'status' must be a string")]
    [InlineData("""{}""", "status", "'status' is required")]
    [InlineData("""{"status":"busy","mood":"happy"}""", "mood", "'mood' is not a field")]
    public async Task Put_NotAStatus_Is400ProblemNamingTheFieldAndChangesNothing(string json, string field, string message)
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.Away);
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);
        var stamp = (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp;

        var response = await factory.ApiClient(token.Value).PutAsync(Status, Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var body = await BodyAsync(response);
        Assert.Equal("The status was not changed.", body.GetProperty("title").GetString());
        Assert.Contains(message, body.GetProperty("errors").GetProperty(field)[0].GetString());
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal(ActivityStatus.Away, saved.ActivityStatus);
        Assert.Equal(stamp, saved.ConcurrencyStamp);
        Assert.Equal(0, await LogCountAsync(user.Id));
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""["busy"]""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("status=busy", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Put_BodyNotAJsonObject_IsRefusedAndChangesNothing(string body, string mediaType, HttpStatusCode expected)
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PutAsync(Status, Json(body, mediaType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ActivityStatus.Online, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
    }

    [Fact]
    public async Task Put_ReadToken_Is403AndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read);

        var response = await factory.ApiClient(token.Value).PutAsync(Status, Json("""{"status":"busy"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"write\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(ActivityStatus.Online, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
        Assert.Equal(0, await LogCountAsync(user.Id));
    }

    [Fact]
    public async Task Get_WriteOnlyToken_Is403()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient(token.Value).GetAsync(Status)).StatusCode);
    }

    [Fact]
    public async Task Get_NoToken_Is401()
        => Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync(Status)).StatusCode);

    [Fact]
    public async Task OpenApi_DescribesBothOperationsAndTheAcceptedNames()
    {
        var document = await BodyAsync(await factory.CreateClient().GetAsync("/openapi/v1.json"));

        var path = document.GetProperty("paths").GetProperty(Status);
        Assert.True(path.TryGetProperty("get", out _));
        var put = path.GetProperty("put");
        var names = put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").GetProperty("status").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["online", "away", "busy", "doNotDisturb", "appearOffline"], names);
        Assert.Contains("write scope", put.GetProperty("description").GetString());
    }
}
