using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>Discovery (RFC 7644 section 4): what the service supports, its resource types and schemas; behind the provisioning token.</summary>
public sealed class ScimDiscoveryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PortalAttributes = "urn:profileportal:params:scim:schemas:extension:attributes:1.0:User";

    [Theory]
    [InlineData("/scim/v2/ServiceProviderConfig")]
    [InlineData("/scim/v2/ResourceTypes")]
    [InlineData("/scim/v2/Schemas")]
    public async Task WithoutToken_Is401(string url)
    {
        var response = await factory.ScimClient(null).GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task ServiceProviderConfig_SaysWhatIsSupported()
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync("/scim/v2/ServiceProviderConfig");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestProvisioning.ScimMediaType, response.Content.Headers.ContentType?.MediaType);
        var config = await JsonAsync(response);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", (string?)config["schemas"]![0]);
        Assert.True((bool)config["patch"]!["supported"]!);
        Assert.False((bool)config["bulk"]!["supported"]!);
        Assert.True((bool)config["filter"]!["supported"]!);
        Assert.Equal(200, (int)config["filter"]!["maxResults"]!);
        Assert.False((bool)config["changePassword"]!["supported"]!);
        Assert.False((bool)config["sort"]!["supported"]!);
        Assert.True((bool)config["etag"]!["supported"]!);
        var scheme = Assert.Single(config["authenticationSchemes"]!.AsArray())!;
        Assert.Equal("oauthbearertoken", (string?)scheme["type"]);
        Assert.Contains("/Admin/Provisioning", (string?)scheme["description"]);
        Assert.EndsWith("/scim/v2/ServiceProviderConfig", (string?)config["meta"]!["location"]);
    }

    [Fact]
    public async Task ResourceTypes_UserWithExtensionsAndGroup()
    {
        var client = await factory.ScimClientAsync();

        var list = await JsonAsync(await client.GetAsync("/scim/v2/ResourceTypes"));

        Assert.Equal(2, (int)list["totalResults"]!);
        var user = list["Resources"]!.AsArray().Single(r => (string?)r!["id"] == "User")!;
        Assert.Equal("/Users", (string?)user["endpoint"]);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User", (string?)user["schema"]);
        Assert.Equal(
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", PortalAttributes],
            user["schemaExtensions"]!.AsArray().Select(e => (string?)e!["schema"]));
        Assert.All(user["schemaExtensions"]!.AsArray(), e => Assert.False((bool)e!["required"]!));

        var group = await JsonAsync(await client.GetAsync("/scim/v2/ResourceTypes/Group"));
        Assert.Equal("/Groups", (string?)group["endpoint"]);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:Group", (string?)group["schema"]);
        Assert.EndsWith("/scim/v2/ResourceTypes/Group", (string?)group["meta"]!["location"]);
    }

    [Theory]
    [InlineData("/scim/v2/ResourceTypes/Printer")]
    [InlineData("/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Printer")]
    public async Task Unknown_Is404(string url)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404", (string?)(await JsonAsync(response))["status"]);
    }

    [Theory]
    [InlineData("/scim/v2/ResourceTypes")]
    [InlineData("/scim/v2/Schemas")]
    public async Task Filter_Is403(string url)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync(url + "?filter=" + Uri.EscapeDataString("id eq \"User\""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("403", (string?)(await JsonAsync(response))["status"]);
    }

    [Fact]
    public async Task Schemas_DescribeTheMappedAttributes()
    {
        var client = await factory.ScimClientAsync();

        var list = await JsonAsync(await client.GetAsync("/scim/v2/Schemas"));

        Assert.Equal(
            ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", PortalAttributes, "urn:ietf:params:scim:schemas:core:2.0:Group"],
            list["Resources"]!.AsArray().Select(s => (string?)s!["id"]));
        var user = Schema(list, "urn:ietf:params:scim:schemas:core:2.0:User");
        Assert.Equal(["userName", "name", "displayName", "title", "active", "emails", "phoneNumbers", "groups"], Names(user));
        var userName = Attribute(user, "userName");
        Assert.True((bool)userName["required"]!);
        Assert.Equal("server", (string?)userName["uniqueness"]);
        Assert.Equal(["formatted", "givenName", "familyName"], Attribute(user, "name")["subAttributes"]!.AsArray().Select(a => (string?)a!["name"]));
        Assert.Equal("readOnly", (string?)Attribute(user, "groups")["mutability"]);
        Assert.Equal(["organization", "department"], Names(Schema(list, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")));
        var group = Schema(list, "urn:ietf:params:scim:schemas:core:2.0:Group");
        Assert.Equal(["displayName", "members"], Names(group));
        Assert.Equal("immutable", (string?)Attribute(group, "displayName")["mutability"]);
    }

    [Fact]
    public async Task PortalAttributesSchema_FollowsTheDefinitions()
    {
        var client = await factory.ScimClientAsync();
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            db.AccountAttributeDefinitions.AddRange(
                new AccountAttributeDefinition { Id = Guid.NewGuid(), Key = "campus", Label = "Campus", Type = AttributeType.Choice, Choices = ["North", "South"], Position = 10, CreatedAt = now },
                new AccountAttributeDefinition { Id = Guid.NewGuid(), Key = "graduated_on", Label = "Graduated on", Type = AttributeType.Date, Position = 11, CreatedAt = now },
                new AccountAttributeDefinition { Id = Guid.NewGuid(), Key = "badge", Label = "Badge", Type = AttributeType.Text, Position = 12, CreatedAt = now });
            await db.SaveChangesAsync();
        });

        var response = await client.GetAsync("/scim/v2/Schemas/" + PortalAttributes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schema = await JsonAsync(response);
        Assert.Equal(PortalAttributes, (string?)schema["id"]);
        Assert.Equal(["former_student", "exclude_from_sync", "campus", "graduated_on", "badge"], Names(schema));
        Assert.Equal("boolean", (string?)Attribute(schema, "exclude_from_sync")["type"]);
        Assert.Equal(["North", "South"], Attribute(schema, "campus")["canonicalValues"]!.AsArray().Select(v => (string?)v));
        Assert.Equal("string", (string?)Attribute(schema, "graduated_on")["type"]);
        Assert.Contains("yyyy-MM-dd", (string?)Attribute(schema, "graduated_on")["description"]);
        Assert.Equal("string", (string?)Attribute(schema, "badge")["type"]);
        Assert.False(Attribute(schema, "badge").ContainsKey("canonicalValues"));
    }

    private static JsonObject Schema(JsonObject list, string id) => list["Resources"]!.AsArray().Single(s => (string?)s!["id"] == id)!.AsObject();

    private static List<string?> Names(JsonObject schema) => schema["attributes"]!.AsArray().Select(a => (string?)a!["name"]).ToList();

    private static JsonObject Attribute(JsonObject schema, string name) => schema["attributes"]!.AsArray().Single(a => (string?)a!["name"] == name)!.AsObject();

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
