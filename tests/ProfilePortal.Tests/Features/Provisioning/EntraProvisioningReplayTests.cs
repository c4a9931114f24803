using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>
/// Replays, request by request, what the Microsoft Entra provisioning service sends, as Microsoft documents it in
/// "Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID", section "Request and response
/// examples" (https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups):
/// the bodies, paths, filters and the capitalized ops ("Add", "Replace", "Remove") are theirs; only ids and names are
/// made unique per run. Where the portal answers differently from the generic example (groups are roles: no create,
/// rename or delete) the step asserts the documented refusal (docs/scim.md). "active" is sent as the string "False",
/// as the provisioning service does without its compliance flag ("Known issues and resolutions with SCIM 2.0 protocol
/// compliance", https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility).
/// </summary>
public sealed class EntraProvisioningReplayTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Fact]
    public async Task UserLifecycle_CreateFindUpdateDisableDelete()
    {
        var replay = new ScimReplay(await factory.ScimClientAsync("Microsoft Entra ID " + Guid.NewGuid().ToString("N")[..6]));
        var run = Guid.NewGuid().ToString("D");
        var userName = $"Test_User_{run}";
        var externalId = Guid.NewGuid().ToString("D");

        // "Test Connection" and the matching query before a create: a userName nobody has.
        var none = await replay.FilterAsync("Get User by query - Zero results", "Users", $"userName eq \"{userName}\"");
        Assert.Equal(0, (int)none["totalResults"]!);

        var created = await replay.StepAsync("Create User", HttpMethod.Post, "/scim/v2/Users", HttpStatusCode.Created, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "{{externalId}}",
              "userName": "{{userName}}",
              "active": true,
              "emails": [{ "primary": true, "type": "work", "value": "Test_User_{{run}}@testuser.com" }],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
              "roles": []
            }
            """);
        var id = (string)created!["id"]!;
        Assert.Equal(userName, (string?)created["userName"]);
        Assert.Equal(externalId, (string?)created["externalId"]);

        var fetched = await replay.GetAsync("Get User", $"/scim/v2/Users/{id}");
        Assert.Equal(userName, (string?)fetched!["userName"]);

        var byUserName = await replay.FilterAsync("Get User by query", "Users", $"userName eq \"{userName}\"");
        Assert.Equal(id, (string?)byUserName["Resources"]![0]!["id"]);
        var byExternalId = await replay.FilterAsync("Get User by query (externalId)", "Users", $"externalId eq \"{externalId}\"");
        Assert.Equal(id, (string?)byExternalId["Resources"]![0]!["id"]);

        await replay.StepAsync("Update User [Multi-valued properties]", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            {
              "schemas": ["{{PatchOp}}"],
              "Operations": [
                { "op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail-{{run}}@microsoft.com" },
                { "op": "Replace", "path": "name.familyName", "value": "updatedFamilyName" }
              ]
            }
            """);
        var updated = await factory.LoadUserAsync(Guid.Parse(id));
        Assert.Equal($"updatedEmail-{run}@microsoft.com", updated.Email);
        Assert.Equal("updatedFamilyName", updated.LastName);

        var newUserName = $"{Guid.NewGuid():D}@testuser.com";
        var renamed = await replay.StepAsync("Update User [Single-valued properties]", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "Replace", "path": "userName", "value": "{{newUserName}}" }] }
            """);
        Assert.Equal(newUserName, (string?)renamed!["userName"]);

        var disabled = await replay.StepAsync("Disable User", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            { "Operations": [{ "op": "Replace", "path": "active", "value": "False" }], "schemas": ["{{PatchOp}}"] }
            """);
        Assert.False((bool)disabled!["active"]!);
        Assert.NotNull((await factory.LoadUserAsync(Guid.Parse(id))).DisabledAt);

        await replay.StepAsync("Delete User", HttpMethod.Delete, $"/scim/v2/Users/{id}", HttpStatusCode.NoContent);
        await replay.GetAsync("Get User after delete", $"/scim/v2/Users/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GroupMembership_MatchByDisplayNameThenAddAndRemoveMembers()
    {
        var replay = new ScimReplay(await factory.ScimClientAsync("Microsoft Entra ID " + Guid.NewGuid().ToString("N")[..6]));
        var run = Guid.NewGuid().ToString("D");
        var user = await replay.StepAsync("Create User", HttpMethod.Post, "/scim/v2/Users", HttpStatusCode.Created, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
              "externalId": "{{Guid.NewGuid():D}}",
              "userName": "Test_User_{{run}}",
              "active": true,
              "emails": [{ "primary": true, "type": "work", "value": "Test_User_{{run}}@testuser.com" }],
              "meta": { "resourceType": "User" },
              "name": { "formatted": "givenName familyName", "familyName": "familyName", "givenName": "givenName" },
              "roles": []
            }
            """);
        var userId = (string)user!["id"]!;

        // Entra matches a group by displayName before creating it; the portal's groups are its roles.
        var matched = await replay.FilterAsync("Get Group by displayName", "Groups", $"displayName eq \"{Roles.BillingAdmin}\"", "&excludedAttributes=members");
        Assert.Equal(1, (int)matched["totalResults"]!);
        var group = matched["Resources"]![0]!.AsObject();
        Assert.False(group.ContainsKey("members"));
        var groupId = (string)group["id"]!;

        var exists = await replay.StepAsync("Create Group (name of a role)", HttpMethod.Post, "/scim/v2/Groups", HttpStatusCode.Conflict, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group"],
              "externalId": "{{Guid.NewGuid():D}}",
              "displayName": "{{Roles.BillingAdmin}}",
              "meta": { "resourceType": "Group" }
            }
            """);
        Assert.Equal("uniqueness", ScimReplay.ErrorType(exists));
        var unknown = await replay.StepAsync("Create Group (no such role)", HttpMethod.Post, "/scim/v2/Groups", HttpStatusCode.BadRequest, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group"],
              "externalId": "{{Guid.NewGuid():D}}",
              "displayName": "displayName",
              "meta": { "resourceType": "Group" }
            }
            """);
        Assert.Equal("invalidValue", ScimReplay.ErrorType(unknown));

        var fetched = await replay.GetAsync("Get Group", $"/scim/v2/Groups/{groupId}?excludedAttributes=members");
        Assert.Equal(Roles.BillingAdmin, (string?)fetched!["displayName"]);
        Assert.False(fetched.ContainsKey("members"));

        var rename = await replay.StepAsync("Update Group [Non-member attributes]", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.BadRequest, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "Replace", "path": "displayName", "value": "{{run}}updatedDisplayName" }] }
            """);
        Assert.Equal("mutability", ScimReplay.ErrorType(rename));

        await replay.StepAsync("Update Group [Add Members]", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "Add", "path": "members", "value": [{ "$ref": null, "value": "{{userId}}" }] }] }
            """);
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(userId));
        var withGroup = await replay.GetAsync("Get User (groups)", $"/scim/v2/Users/{userId}");
        Assert.Equal(groupId, (string?)withGroup!["groups"]![0]!["value"]);

        await replay.StepAsync("Update Group [Remove Members]", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "Remove", "path": "members", "value": [{ "$ref": null, "value": "{{userId}}" }] }] }
            """);
        Assert.Equal([Roles.Member], await RolesOfAsync(userId));

        var delete = await replay.StepAsync("Delete Group", HttpMethod.Delete, $"/scim/v2/Groups/{groupId}", HttpStatusCode.BadRequest);
        Assert.Equal("mutability", ScimReplay.ErrorType(delete));
    }

    private Task<List<string?>> RolesOfAsync(string userId)
        => factory.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var id = Guid.Parse(userId);
            return db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        });
}
