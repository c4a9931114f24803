using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>Requests and bodies of SCIM Users tests, shaped like what identity providers send.</summary>
public static class ScimUserRequests
{
    public const string Users = "/scim/v2/Users";

    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>A User as Microsoft Entra ID creates one: userName a UPN, a work email, name, title, enterprise department.</summary>
    public static JsonObject NewUser(string? userName = null, string? email = null, string? externalId = null)
    {
        var unique = Unique();
        userName ??= $"alice.{unique}@contoso.example";
        return new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser),
            ["externalId"] = externalId ?? "ext-" + unique,
            ["userName"] = userName,
            ["active"] = true,
            ["name"] = new JsonObject { ["givenName"] = "Alice", ["familyName"] = "Smith" },
            ["displayName"] = "Alice Smith",
            ["title"] = "Engineer",
            ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = email ?? $"alice.{unique}@contoso.example" }),
            ["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "mobile", ["value"] = "+44 20 7946 0123" }),
            ["password"] = "ignored-Secret-1",
        };
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, TestProvisioning.ScimMediaType);

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(TestProvisioning.ScimMediaType, response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Creates a user and returns the resource (asserting 201).</summary>
    public static async Task<JsonObject> CreateAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsync(Users, Json(body ?? NewUser()));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await ReadAsync(response);
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, params JsonObject[] operations)
        => client.PatchAsync(Users + "/" + id, Json(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
            ["Operations"] = new JsonArray([.. operations]),
        }));

    public static JsonObject Op(string op, string? path, JsonNode? value)
    {
        var operation = new JsonObject { ["op"] = op };
        if (path is not null) operation["path"] = path;
        if (value is not null) operation["value"] = value;
        return operation;
    }

    public static async Task<(string Status, string? ScimType)> ErrorAsync(HttpResponseMessage response)
    {
        var error = await ReadAsync(response);
        Assert.Equal(ScimErrors.Schema, (string?)error["schemas"]![0]);
        return ((string)error["status"]!, (string?)error["scimType"]);
    }

    public static Guid IdOf(JsonObject resource) => Guid.Parse((string)resource["id"]!);

    public static Task SetExcludedFromSyncAsync(this PortalFactory factory, Guid userId)
        => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AccountAttributeValues.Add(new AccountAttributeValue
            {
                UserId = userId,
                DefinitionId = BuiltInAttributes.ExcludeFromSyncId,
                Value = BuiltInAttributes.Yes,
                UpdatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

    public static Task<AppUser?> FindUserAsync(this PortalFactory factory, Guid id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id));

    public static HttpRequestMessage WithHeader(HttpMethod method, string url, string header, string value, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.TryAddWithoutValidation(header, value);
        return request;
    }

    public static MediaTypeWithQualityHeaderValue ScimAccept => new(TestProvisioning.ScimMediaType);
}
