using System.Net;
using System.Text;
using System.Text.Json;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Api;

/// <summary>
/// GET /api/v1/me answers from MeAnswerCache while the data versions the token lookup reads are unchanged. Every change
/// below is written with plain SQL, as another node or a script would write it, never through this node's services:
/// the next request must still see it.
/// </summary>
public class MeAnswerCacheTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    private const string Me = "/api/v1/me";

    [Fact]
    public async Task Get_Again_IsTheTokenLookupAloneWithTheSameAnswerAsTheUncachedOne()
    {
        var user = (await factory.CreatePlacedPersonAsync()).User;
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);
        var client = factory.ApiClient(token.Value);
        var first = await client.GetAsync(Me);

        var before = factory.Commands;
        var second = await client.GetAsync(Me);
        var queries = factory.Commands - before;
        // PATCH with no field changes nothing and answers through the uncached path (TypedResults.Ok).
        var uncached = await client.PatchAsync(Me, new StringContent("{}", Encoding.UTF8, "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, queries);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(await uncached.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(uncached.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("\"0\"", second.Headers.ETag!.Tag);
    }

    [Theory]
    [MemberData(nameof(WrittenElsewhere.Changes), MemberType = typeof(WrittenElsewhere))]
    public async Task Get_AfterAChangeWrittenElsewhere_AnswersTheNewData(string change)
    {
        var placed = await factory.CreatePlacedPersonAsync();
        var (user, role, attribute) = placed;
        var client = factory.ApiClient((await factory.CreateTokenAsync(user)).Value);
        var cached = await BodyAsync(await client.GetAsync(Me));
        Assert.Contains(role.Name, Roles(cached));
        Assert.Equal("before", Attributes(cached)[attribute.Key]);

        var name = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        await factory.WriteElsewhereAsync(WrittenElsewhere.Change(change, placed, name));
        var body = await BodyAsync(await client.GetAsync(Me));

        switch (change)
        {
            case "title": Assert.Equal(name, body.GetProperty("title").GetString()); break;
            case "department renamed": Assert.Equal(name, body.GetProperty("department").GetString()); break;
            case "organization renamed": Assert.Equal(name, body.GetProperty("organization").GetString()); break;
            case "role renamed": Assert.Equal([name], Roles(body)); break;
            case "role removed": Assert.Empty(Roles(body)); break;
            case "attribute value changed": Assert.Equal(name, Attributes(body)[attribute.Key]); break;
            case "attribute hidden": Assert.DoesNotContain(attribute.Key, Attributes(body).Keys); break;
        }
    }

    [Theory]
    [InlineData("account disabled")]
    [InlineData("token revoked")]
    public async Task Get_AfterTheAccountOrTokenEndedElsewhere_IsRefusedNotAnsweredFromTheCache(string change)
    {
        var user = (await factory.CreatePlacedPersonAsync()).User;
        var token = await factory.CreateTokenAsync(user);
        var client = factory.ApiClient(token.Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Me)).StatusCode);

        var now = DateTime.UtcNow;
        await factory.WriteElsewhereAsync(change == "account disabled"
            ? (FormattableString)$"""UPDATE "AspNetUsers" SET "DisabledAt" = {now} WHERE "Id" = {user.Id}"""
            : $"""UPDATE "PersonalAccessTokens" SET "RevokedAt" = {now} WHERE "Id" = {token.Token.Id}""");
        var response = await client.GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(user.Email, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<string?> Roles(JsonElement body) => body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();

    private static Dictionary<string, string?> Attributes(JsonElement body)
        => body.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
}
