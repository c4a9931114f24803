using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Api;

public class MeEndpointsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Me = "/api/v1/me";

    private static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Get_ReadToken_ReturnsProfileAndAccount()
    {
        var user = await factory.CreateUserAsync(u => u.Title = "Analyst");
        var token = await factory.CreateTokenAsync(user);

        var response = await factory.ApiClient(token.Value).GetAsync(Me);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await BodyAsync(response);
        Assert.Equal(user.Id.ToString(), body.GetProperty("id").GetString());
        Assert.Equal(user.UserName, body.GetProperty("userName").GetString());
        Assert.Equal(user.Email, body.GetProperty("email").GetString());
        Assert.Equal("Ada", body.GetProperty("firstName").GetString());
        Assert.Equal("Analyst", body.GetProperty("title").GetString());
        Assert.Equal("active", body.GetProperty("status").GetString());
        Assert.Equal("\"0\"", response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Get_Attributes_AreTheValuesShownOnTheProfileByKey()
    {
        var user = await factory.CreateUserAsync();
        var hidden = await factory.CreateAttributeAsync(shownOnProfile: false);
        var cohort = await factory.CreateAttributeAsync(AttributeType.Date);
        await factory.SetAttributeValueAsync(user.Id, BuiltInAttributes.FormerStudentId, "true");
        await factory.SetAttributeValueAsync(user.Id, cohort.Id, "2025-09-01");
        await factory.SetAttributeValueAsync(user.Id, hidden.Id, "not for the API");
        var token = await factory.CreateTokenAsync(user);

        var body = await BodyAsync(await factory.ApiClient(token.Value).GetAsync(Me));

        var attributes = body.GetProperty("attributes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { [BuiltInAttributes.FormerStudentKey] = "true", [cohort.Key] = "2025-09-01" }, attributes);
    }

    [Fact]
    public async Task Patch_ReadOnlyToken_Is403WithInsufficientScopeAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json("""{"title":"Boss"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("scope=\"write\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null((await factory.LoadUserAsync(user.Id)).Title);
    }

    [Fact]
    public async Task Get_WriteOnlyToken_Is403()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).GetAsync(Me);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("scope=\"read\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Patch_WriteToken_ChangesTheFieldsSentAndKeepsTheOthers()
    {
        var user = await factory.CreateUserAsync(u => u.Bio = "Old bio");
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json("""{"title":"  Staff engineer ","phone":"+91 98765 43210","bio":null}""", "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal("Staff engineer", body.GetProperty("title").GetString());
        Assert.Equal(1, body.GetProperty("profileVersion").GetInt32());
        var stored = await factory.LoadUserAsync(user.Id);
        Assert.Equal("Staff engineer", stored.Title);
        Assert.Equal("+919876543210", stored.PhoneNumber);
        Assert.Null(stored.Bio);
        Assert.Equal("Ada", stored.FirstName);
    }

    [Fact]
    public async Task Patch_InvalidFields_Is400ProblemListingEachFieldAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json("""{"firstName":"A","phone":"12","timeZoneId":"Mars/Olympus","title":"ok"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await BodyAsync(response)).GetProperty("errors");
        Assert.Equal("First name must be between 2 and 100 characters.", errors.GetProperty("firstName")[0].GetString());
        Assert.StartsWith("Enter the phone number in international format", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Choose a time zone from the list.", errors.GetProperty("timeZoneId")[0].GetString());
        Assert.False(errors.TryGetProperty("title", out _));
        var stored = await factory.LoadUserAsync(user.Id);
        Assert.Null(stored.Title);
        Assert.Equal(0, stored.ProfileVersion);
    }

    [Theory]
    [InlineData("+1 555 123 4567", "This is not a valid phone number for country code +1.")]
    [InlineData("+999 123 456 789", "The country code after + is not one in use. Enter the number in international format (for example +44 20 7946 0958).")]
    public async Task Patch_PhoneNotValidForItsCountry_Is400WithTheProfilePageMessage(string phone, string message)
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json($$"""{"phone":"{{phone}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await BodyAsync(response)).GetProperty("errors").GetProperty("phone")[0].GetString());
        var stored = await factory.LoadUserAsync(user.Id);
        Assert.Null(stored.PhoneNumber);
        Assert.Equal(0, stored.ProfileVersion);
    }

    [Theory]
    [InlineData("""{"email":"new@example.test"}""", "email")]
    [InlineData("""{"title":42}""", "title")]
    public async Task Patch_ReadOnlyOrMistypedField_Is400NamingTheField(string json, string field)
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(user.Email, (await factory.LoadUserAsync(user.Id)).Email);
    }

    [Theory]
    [InlineData("not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("[1,2]", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("title=x", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task Patch_BodyNotAJsonObject_IsAProblem(string body, string mediaType, HttpStatusCode expected)
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, new StringContent(body, Encoding.UTF8, mediaType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Patch_BodyOver64KB_Is413ProblemAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Write);

        var response = await factory.ApiClient(token.Value).PatchAsync(Me, Json($$"""{"bio":"{{new string('x', 70_000)}}"}"""));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null((await factory.LoadUserAsync(user.Id)).Bio);
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Is412AndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write);
        var client = factory.ApiClient(token.Value);
        var etag = (await client.GetAsync(Me)).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync(Me, Json("""{"title":"First"}"""))).StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Patch, Me) { Content = Json("""{"title":"Second"}""") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("First", (await factory.LoadUserAsync(user.Id)).Title);
    }

    [Fact]
    public async Task Get_Avatar_ReturnsTheInitialsWhenNoneIsUploadedAndRefusesOtherSizes()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var client = factory.ApiClient(token.Value);

        var avatar = await client.GetAsync(Me + "/avatar?size=128");
        var bad = await client.GetAsync(Me + "/avatar?size=77");

        Assert.Equal(HttpStatusCode.OK, avatar.StatusCode);
        Assert.Equal("image/svg+xml", avatar.Content.Headers.ContentType!.MediaType);
        Assert.Contains("AL", await avatar.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownApiPath_Is404Problem()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);

        var response = await factory.ApiClient(token.Value).GetAsync("/api/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpointsAndTheBearerScheme()
    {
        var response = await factory.CreateBrowserClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await BodyAsync(response);
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/me", out var me));
        Assert.True(me.TryGetProperty("get", out _));
        Assert.True(me.GetProperty("patch").GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.TryGetProperty("/api/v1/me/avatar", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/avatars", StringComparison.Ordinal) || p.Name == "/healthz");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task DocsPage_IsPublicAndShowsACurlExampleForThisServer()
    {
        var page = await factory.CreateBrowserClient().GetPageAsync("/docs/api");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("curl -H \"Authorization: Bearer $PROFILEPORTAL_TOKEN\" http://localhost/api/v1/me", page.Text("main"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/openapi/v1.json']"));
    }
}
