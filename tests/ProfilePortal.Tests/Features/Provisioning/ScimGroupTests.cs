using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>/scim/v2/Groups: groups are the portal's roles; provisioning moves people between them and nothing else.</summary>
public sealed class ScimGroupTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";

    [Fact]
    public async Task Get_ReturnsTheRoleWithItsMembersAndVersion()
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(u => { u.FirstName = "Grace"; u.LastName = "Hopper"; }, Roles.BillingAdmin);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        var response = await client.GetAsync($"/scim/v2/Groups/{roleId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestProvisioning.ScimMediaType, response.Content.Headers.ContentType?.MediaType);
        var group = await JsonAsync(response);
        Assert.Equal(GroupSchema, (string?)group["schemas"]![0]);
        Assert.Equal(roleId.ToString(), (string?)group["id"]);
        Assert.Equal(Roles.BillingAdmin, (string?)group["displayName"]);
        var member = Assert.Single(group["members"]!.AsArray(), m => (string?)m!["value"] == person.Id.ToString());
        Assert.Equal("Grace Hopper", (string?)member!["display"]);
        Assert.EndsWith($"/scim/v2/Users/{person.Id}", (string?)member["$ref"]);
        Assert.Equal("Group", (string?)group["meta"]!["resourceType"]);
        Assert.EndsWith($"/scim/v2/Groups/{roleId}", (string?)group["meta"]!["location"]);
        Assert.Equal(response.Headers.ETag!.ToString(), (string?)group["meta"]!["version"]);
        Assert.StartsWith("W/\"", response.Headers.ETag.ToString());
    }

    [Theory]
    [InlineData("3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7aff")]
    [InlineData("not-a-guid")]
    public async Task Get_UnknownId_Is404ScimError(string id)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync($"/scim/v2/Groups/{id}");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, null);
    }

    [Fact]
    public async Task Get_IfNoneMatchWithTheVersion_Is304_UntilMembersChange()
    {
        var client = await factory.ScimClientAsync();
        var roleId = await RoleIdAsync(Roles.BillingAdmin);
        var etag = (await client.GetAsync($"/scim/v2/Groups/{roleId}")).Headers.ETag!.ToString();

        Assert.Equal(HttpStatusCode.NotModified, (await GetWithAsync(client, $"/scim/v2/Groups/{roleId}", "If-None-Match", etag)).StatusCode);
        await factory.CreateUserAsync(role: Roles.BillingAdmin);
        var changed = await GetWithAsync(client, $"/scim/v2/Groups/{roleId}", "If-None-Match", etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task List_ByDisplayName_IgnoresCase_AndExcludedAttributesDropsMembers()
    {
        var client = await factory.ScimClientAsync();

        var list = await JsonAsync(await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString("displayName eq \"billing ADMIN\"") + "&excludedAttributes=members"));

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string?)list["schemas"]![0]);
        Assert.Equal(1, (int)list["totalResults"]!);
        var group = list["Resources"]![0]!.AsObject();
        Assert.Equal(Roles.BillingAdmin, (string?)group["displayName"]);
        Assert.False(group.ContainsKey("members"));
        Assert.True(group.ContainsKey("meta"));
    }

    [Fact]
    public async Task List_ByIdExternalIdAndMember()
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.BillingAdmin);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        Assert.Equal(Roles.BillingAdmin, (string?)(await ListAsync(client, $"id eq \"{roleId}\""))["Resources"]![0]!["displayName"]);
        Assert.Equal(0, (int)(await ListAsync(client, $"externalId eq \"{roleId}\""))["totalResults"]!);
        foreach (var filter in new[] { $"members[value eq \"{person.Id}\"]", $"members.value eq \"{person.Id}\"", $"displayName eq \"Billing admin\" and members[value eq \"{person.Id}\"]" })
        {
            var list = await ListAsync(client, filter);
            Assert.Equal(1, (int)list["totalResults"]!);
            Assert.Equal(roleId.ToString(), (string?)list["Resources"]![0]!["id"]);
        }

        Assert.Equal(0, (int)(await ListAsync(client, $"displayName eq \"Member\" and members.value eq \"{person.Id}\""))["totalResults"]!);
    }

    [Fact]
    public async Task List_PagesInNameOrder_AndAttributesProjects()
    {
        var client = await factory.ScimClientAsync();

        var list = await JsonAsync(await client.GetAsync("/scim/v2/Groups?startIndex=2&count=1&attributes=displayName"));

        Assert.Equal(3, (int)list["totalResults"]!);
        Assert.Equal(1, (int)list["itemsPerPage"]!);
        Assert.Equal(2, (int)list["startIndex"]!);
        var group = list["Resources"]![0]!.AsObject();
        Assert.Equal(Roles.BillingAdmin, (string?)group["displayName"]);
        Assert.False(group.ContainsKey("members"));
        Assert.True(group.ContainsKey("id"));
    }

    [Theory]
    [InlineData("displayName co \"admin\"")]
    [InlineData("displayName eq \"Member\" or displayName eq \"Administrator\"")]
    [InlineData("title eq \"x\"")]
    [InlineData("displayName eq")]
    public async Task List_UnsupportedFilter_Is400InvalidFilter(string filter)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString(filter));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Fact]
    public async Task Patch_EntraAddThenRemove_ChangesTheRole_AuditedWithTheToken()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var person = await factory.CreateUserAsync(role: Roles.Member);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        var added = await PatchAsync(client, roleId, """{"op":"Add","path":"members","value":[{"value":"ID"}]}""".Replace("ID", person.Id.ToString()));

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains((await JsonAsync(added))["members"]!.AsArray(), m => (string?)m!["value"] == person.Id.ToString());
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(person.Id));
        await factory.AssertAuditedAsync(person.Id, token.Token.Id, AdminAction.RoleChanged, SecurityEventType.RoleChanged);

        var removed = await PatchAsync(client, roleId, """{"op":"Remove","path":"members","value":[{"value":"ID"}]}""".Replace("ID", person.Id.ToString()));

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
        Assert.Equal(2, (await factory.AuditOfAsync(person.Id)).Count(e => e.Action == AdminAction.RoleChanged && e.ActorId == token.Token.Id));
    }

    [Fact]
    public async Task Patch_OktaReplaceSameNameAndRemoveByFilter()
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.BillingAdmin);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        var response = await PatchAsync(client, roleId,
            $$$"""{"op":"replace","value":{"id":"{{{roleId}}}","displayName":"Billing admin"}}""",
            $$"""{"op":"remove","path":"members[value eq \"{{person.Id}}\"]"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
        // Removing someone who is not a member (a retry) changes nothing and succeeds.
        Assert.Equal(HttpStatusCode.OK, (await PatchAsync(client, roleId, $$"""{"op":"remove","path":"members[value eq \"{{person.Id}}\"]"}""")).StatusCode);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
    }

    [Fact]
    public async Task Patch_RemoveFromMemberGroup_LeavesTheRole()
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.Member);

        var response = await PatchAsync(client, await RoleIdAsync(Roles.Member), $$"""{"op":"remove","path":"members[value eq \"{{person.Id}}\"]"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
        Assert.Empty(await factory.AuditOfAsync(person.Id));
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"displayName","value":"Auditors"}""", "mutability")]
    [InlineData("""{"op":"replace","value":{"displayName":"Auditors"}}""", "mutability")]
    [InlineData("""{"op":"remove","path":"displayName"}""", "mutability")]
    [InlineData("""{"op":"replace","path":"externalId","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"add","path":"members[value eq \"3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7a02\"]","value":"x"}""", "invalidPath")]
    [InlineData("""{"op":"add","path":"members[","value":[]}""", "invalidPath")]
    [InlineData("""{"op":"remove"}""", "noTarget")]
    [InlineData("""{"op":"move","path":"members","value":[]}""", "invalidSyntax")]
    [InlineData("""{"op":"add","path":"members","value":[{"value":"not-an-id"}]}""", "invalidValue")]
    [InlineData("""{"op":"add","path":"members","value":[{"value":"3b0e6f1c-5a43-4d0e-9a55-0f3c1d2b7aff"}]}""", "invalidValue")]
    [InlineData("""{"op":"add","value":"members"}""", "invalidValue")]
    public async Task Patch_RefusedOperation_Is400_AndNothingChanges(string refused, string scimType)
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.Member);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        // The first operation alone would succeed: all operations apply or none.
        var response = await PatchAsync(client, roleId, $$"""{"op":"add","path":"members","value":[{"value":"{{person.Id}}"}]}""", refused);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, scimType);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
        Assert.Equal(Roles.BillingAdmin, await RoleNameAsync(roleId));
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"Operations":[{"op":"add","path":"members","value":[]}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""")]
    public async Task Patch_NotAPatchOpMessage_Is400InvalidSyntax(string body)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.PatchAsync($"/scim/v2/Groups/{await RoleIdAsync(Roles.BillingAdmin)}", Scim(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalidSyntax");
    }

    [Fact]
    public async Task Patch_PersonExcludedFromSync_IsSkippedAndAudited()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var person = await factory.CreateUserAsync(role: Roles.Member);
        await ExcludeFromSyncAsync(person.Id);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        var response = await PatchAsync(client, roleId, $$"""{"op":"add","path":"members","value":[{"value":"{{person.Id}}"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain((await JsonAsync(response))["members"]!.AsArray(), m => (string?)m!["value"] == person.Id.ToString());
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));
        var audit = Assert.Single(await factory.AuditOfAsync(person.Id));
        Assert.Equal(AdminAction.ProvisioningChangeSkipped, audit.Action);
        Assert.Equal(token.Token.Id, audit.ActorId);
        Assert.Equal("PATCH Billing admin: add member", audit.Detail);
        Assert.Empty(await factory.SecurityLogOfAsync(person.Id));
    }

    [Fact]
    public async Task Patch_IfMatch_OtherVersionIs412_SameVersionApplies()
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.Member);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);
        var etag = (await client.GetAsync($"/scim/v2/Groups/{roleId}")).Headers.ETag!.ToString();
        var body = PatchBody($$"""{"op":"add","path":"members","value":[{"value":"{{person.Id}}"}]}""");

        var stale = await SendWithAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{roleId}", body, "If-Match", "W/\"0000\"");
        await AssertErrorAsync(stale, HttpStatusCode.PreconditionFailed, null);
        Assert.Equal([Roles.Member], await RolesOfAsync(person.Id));

        var current = await SendWithAsync(client, HttpMethod.Patch, $"/scim/v2/Groups/{roleId}", body, "If-Match", etag);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(person.Id));
    }

    [Fact]
    public async Task Put_ReplacesTheMembers()
    {
        await using var own = new PortalFactory();
        var client = await own.ScimClientAsync();
        var leaving = await own.CreateUserAsync(role: Roles.BillingAdmin);
        var joining = await own.CreateUserAsync(role: Roles.Member);
        var roleId = await RoleIdAsync(Roles.BillingAdmin, own);

        var response = await client.PutAsync($"/scim/v2/Groups/{roleId}",
            Scim($$"""{"schemas":["{{GroupSchema}}"],"id":"{{roleId}}","displayName":"Billing admin","members":[{"value":"{{joining.Id}}"}]}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var members = (await JsonAsync(response))["members"]!.AsArray();
        Assert.Equal(joining.Id.ToString(), (string?)Assert.Single(members)!["value"]);
        Assert.Equal([Roles.Member], await RolesOfAsync(leaving.Id, own));
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(joining.Id, own));
    }

    [Theory]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Auditors"}""", "mutability")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"displayName":"Billing admin"}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Billing admin","owner":"x"}""", "invalidSyntax")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}""", "invalidValue")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Billing admin","members":[{"value":"x"}]}""", "invalidValue")]
    public async Task Put_Refused_Is400_AndNothingChanges(string body, string scimType)
    {
        var client = await factory.ScimClientAsync();
        var person = await factory.CreateUserAsync(role: Roles.BillingAdmin);
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        var response = await client.PutAsync($"/scim/v2/Groups/{roleId}", Scim(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, scimType);
        Assert.Equal(Roles.BillingAdmin, await RoleNameAsync(roleId));
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(person.Id));
    }

    [Fact]
    public async Task Post_ExistingRole_Is409Uniqueness_OtherName_Is400()
    {
        var client = await factory.ScimClientAsync();

        var existing = await client.PostAsync("/scim/v2/Groups", Scim($$"""{"schemas":["{{GroupSchema}}"],"displayName":"billing admin","members":[]}"""));
        var unknown = await client.PostAsync("/scim/v2/Groups", Scim($$"""{"schemas":["{{GroupSchema}}"],"displayName":"Auditors"}"""));
        var nameless = await client.PostAsync("/scim/v2/Groups", Scim($$"""{"schemas":["{{GroupSchema}}"]}"""));

        await AssertErrorAsync(existing, HttpStatusCode.Conflict, "uniqueness");
        var error = await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "invalidValue");
        Assert.Equal("There is no role named Auditors. Groups map to the portal's roles; name the group after one of them: Administrator, Billing admin, Member.", (string?)error["detail"]);
        await AssertErrorAsync(nameless, HttpStatusCode.BadRequest, "invalidValue");
        Assert.False(await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.AnyAsync(r => r.Name == "Auditors")));
    }

    [Fact]
    public async Task Delete_Is400Mutability_UnknownIs404()
    {
        var client = await factory.ScimClientAsync();
        var roleId = await RoleIdAsync(Roles.BillingAdmin);

        await AssertErrorAsync(await client.DeleteAsync($"/scim/v2/Groups/{roleId}"), HttpStatusCode.BadRequest, "mutability");
        await AssertErrorAsync(await client.DeleteAsync($"/scim/v2/Groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound, null);
        Assert.Equal(Roles.BillingAdmin, await RoleNameAsync(roleId));
    }

    [Fact]
    public async Task Patch_RemovingTheLastAdministrator_Is409AndNothingChanges()
    {
        // Its own app: the token's creator is the only administrator.
        await using var own = new PortalFactory();
        var token = await own.CreateProvisioningTokenAsync();
        var client = own.ScimClient(token.Value);
        var adminRole = await RoleIdAsync(Roles.Administrator, own);
        var admin = Assert.Single(await MemberIdsAsync(own, adminRole));
        var member = await own.CreateUserAsync(role: Roles.Member);

        var response = await PatchAsync(client, adminRole, """{"op":"remove","path":"members"}""");

        var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, null);
        Assert.EndsWith("is the last active administrator. Make someone else an administrator first.", (string?)error["detail"]);
        Assert.Equal([Roles.Administrator], await RolesOfAsync(admin, own));
        Assert.Empty(await own.AuditOfAsync(admin));

        // Handing over in one request works: the newcomer is promoted before the other is demoted.
        var handover = await PatchAsync(client, adminRole,
            $$"""{"op":"add","path":"members","value":[{"value":"{{member.Id}}"}]}""",
            $$"""{"op":"remove","path":"members","value":[{"value":"{{admin}}"}]}""");

        Assert.Equal(HttpStatusCode.OK, handover.StatusCode);
        Assert.Equal([Roles.Member], await RolesOfAsync(admin, own));
        Assert.Equal([Roles.Administrator], await RolesOfAsync(member.Id, own));
    }

    private Task<Guid> RoleIdAsync(string name, PortalFactory? app = null)
        => (app ?? factory).InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

    private Task<string?> RoleNameAsync(Guid roleId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Id == roleId).Select(r => r.Name).SingleAsync());

    private Task<List<string?>> RolesOfAsync(Guid userId, PortalFactory? app = null)
        => (app ?? factory).InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        });

    private static Task<List<Guid>> MemberIdsAsync(PortalFactory app, Guid roleId)
        => app.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync());

    private Task ExcludeFromSyncAsync(Guid userId)
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

    private static async Task<JsonObject> ListAsync(HttpClient client, string filter)
    {
        var response = await client.GetAsync("/scim/v2/Groups?filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static string PatchBody(params string[] operations)
        => $$"""{"schemas":["{{PatchOp}}"],"Operations":[{{string.Join(",", operations)}}]}""";

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid roleId, params string[] operations)
        => client.PatchAsync($"/scim/v2/Groups/{roleId}", Scim(PatchBody(operations)));

    private static StringContent Scim(string json) => new(json, Encoding.UTF8, TestProvisioning.ScimMediaType);

    private static Task<HttpResponseMessage> GetWithAsync(HttpClient client, string url, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(header, value);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendWithAsync(HttpClient client, HttpMethod method, string url, string body, string header, string value)
    {
        var request = new HttpRequestMessage(method, url) { Content = Scim(body) };
        request.Headers.TryAddWithoutValidation(header, value);
        return client.SendAsync(request);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response)
        => JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    private static async Task<JsonObject> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? scimType)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue(TestProvisioning.ScimMediaType).MediaType, response.Content.Headers.ContentType?.MediaType);
        var error = await JsonAsync(response);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)error["schemas"]![0]);
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)error["status"]);
        Assert.Equal(scimType, (string?)error["scimType"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["detail"]));
        return error;
    }
}
