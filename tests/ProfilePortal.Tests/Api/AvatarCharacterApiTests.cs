using System.Net;
using System.Text.Json;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Api;

/// <summary>GET /api/v1/me/avatar/character (SPEC 2.8b): the stored character document, read scope.</summary>
public class AvatarCharacterApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/api/v1/me/avatar/character";

    [Fact]
    public async Task Get_ReadToken_ReturnsTheStoredDocumentEvenAfterAPhotoReplacedIt()
    {
        var user = await factory.CreateUserAsync();
        var browser = await factory.SignedInClientAsync(user);
        await browser.SetCharacterAsync(TestCharacters.Document(d => d["face"]!["mouth"] = "grin"));
        await browser.UploadAsync("/Settings/Avatar", "Input.File", TestImages.SolidPng(64, 64, (1, 2, 3)), "me.png", "image/png");
        var client = factory.ApiClient((await factory.CreateTokenAsync(user, TokenScopes.Read)).Value);

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal((await factory.StoredAvatarAsync(user.Id)).Document, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("grin", json.RootElement.GetProperty("face").GetProperty("mouth").GetString());
    }

    [Fact]
    public async Task Get_NeverMadeOne_Is404Problem()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.ApiClient((await factory.CreateTokenAsync(user)).Value);

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("You have not made an avatar character yet.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Get_WriteOnlyTokenOrNone_Is403Or401()
    {
        var user = await factory.CreateUserAsync();
        await (await factory.SignedInClientAsync(user)).SetCharacterAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await factory.ApiClient((await factory.CreateTokenAsync(user, TokenScopes.Write)).Value).GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(null).GetAsync(Url)).StatusCode);
        // The cookie is not an API credential.
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await factory.SignedInClientAsync(user)).GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesIt()
    {
        using var document = JsonDocument.Parse(await factory.CreateBrowserClient().GetStringAsync("/openapi/v1.json"));

        var get = document.RootElement.GetProperty("paths").GetProperty(Url).GetProperty("get");
        Assert.Equal("Your avatar character", get.GetProperty("summary").GetString());
        Assert.Contains("read scope", get.GetProperty("description").GetString());
        Assert.True(get.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
    }
}
