using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>
/// Replays, request by request, what Okta sends to a SCIM 2.0 app integration, as Okta documents it in "Okta and SCIM
/// Version 2.0" (https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20) and in its SCIM test suite
/// ("Test your SCIM API", https://developer.okta.com/docs/guides/scim-provisioning-integration-test/main/): the
/// lower-case ops, <c>filter=userName eq "…"</c> with <c>startIndex=1&amp;count=100</c>, PATCH without a path for
/// "active" and the group name, <c>members[value eq "…"]</c> to remove a member. Only ids and names are made unique
/// per run. Where the portal answers differently from a generic app (groups are roles: no create or delete) the step
/// asserts the documented refusal (docs/scim.md).
/// </summary>
public sealed class OktaProvisioningReplayTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    [Fact]
    public async Task UserLifecycle_CreateFindUpdateDeactivate()
    {
        var replay = new ScimReplay(await factory.ScimClientAsync("Okta " + Guid.NewGuid().ToString("N")[..6]));
        var run = Guid.NewGuid().ToString("N")[..8];
        var userName = $"test.user.{run}@okta.local";

        // "Test Connector Configuration": the two list requests Okta always sends first.
        var users = await replay.GetAsync("Test API credentials (users)", "/scim/v2/Users?startIndex=1&count=100");
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string?)users!["schemas"]![0]);
        await replay.GetAsync("Test API credentials (groups)", "/scim/v2/Groups?startIndex=1&count=100");

        var none = await replay.FilterAsync("Determine if the User object exists", "Users", $"userName eq \"{userName}\"", "&startIndex=1&count=100");
        Assert.Equal(0, (int)none["totalResults"]!);
        Assert.Empty(none["Resources"]!.AsArray());

        var created = await replay.StepAsync("Create the User", HttpMethod.Post, "/scim/v2/Users", HttpStatusCode.Created, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "{{userName}}",
              "name": { "givenName": "Test", "familyName": "User" },
              "emails": [{ "primary": true, "value": "{{userName}}", "type": "work" }],
              "displayName": "Test User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7{{run}}",
              "groups": [],
              "password": "1mz050nq",
              "active": true
            }
            """);
        var id = (string)created!["id"]!;
        Assert.True((bool)created["active"]!);

        var found = await replay.FilterAsync("Retrieve the created User by userName", "Users", $"userName eq \"{userName}\"", "&startIndex=1&count=100");
        Assert.Equal(id, (string?)found["Resources"]![0]!["id"]);
        var fetched = await replay.GetAsync("Retrieve a specific User", $"/scim/v2/Users/{id}");
        Assert.Equal("Test", (string?)fetched!["name"]!["givenName"]);

        var replaced = await replay.StepAsync("Update a specific User (PUT)", HttpMethod.Put, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "id": "{{id}}",
              "userName": "{{userName}}",
              "name": { "givenName": "Another", "middleName": "", "familyName": "User" },
              "emails": [{ "primary": true, "value": "{{userName}}", "type": "work", "display": "{{userName}}" }],
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7{{run}}",
              "groups": [],
              "active": true,
              "meta": { "resourceType": "User" }
            }
            """);
        Assert.Equal("Another", (string?)replaced!["name"]!["givenName"]);

        await replay.StepAsync("Update a specific User (PATCH password, ignored)", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "replace", "value": { "password": "Tr0ub4dor&3" } }] }
            """);

        var deactivated = await replay.StepAsync("Deactivate a User", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "replace", "value": { "active": false } }] }
            """);
        Assert.False((bool)deactivated!["active"]!);
        Assert.NotNull((await factory.LoadUserAsync(Guid.Parse(id))).DisabledAt);

        var reactivated = await replay.StepAsync("Reactivate a User", HttpMethod.Patch, $"/scim/v2/Users/{id}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "replace", "value": { "active": true } }] }
            """);
        Assert.True((bool)reactivated!["active"]!);
        Assert.Null((await factory.LoadUserAsync(Guid.Parse(id))).DisabledAt);
    }

    [Fact]
    public async Task GroupPush_LinkExistingRoleThenAddAndRemoveMembers()
    {
        var replay = new ScimReplay(await factory.ScimClientAsync("Okta " + Guid.NewGuid().ToString("N")[..6]));
        var run = Guid.NewGuid().ToString("N")[..8];
        var userName = $"test.user.{run}@okta.local";
        var user = await replay.StepAsync("Create the User", HttpMethod.Post, "/scim/v2/Users", HttpStatusCode.Created, $$"""
            {
              "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
              "userName": "{{userName}}",
              "name": { "givenName": "Test", "familyName": "User" },
              "emails": [{ "primary": true, "value": "{{userName}}", "type": "work" }],
              "displayName": "Test User",
              "locale": "en-US",
              "externalId": "00ujl29u0le5T6Aj10h7{{run}}",
              "groups": [],
              "password": "1mz050nq",
              "active": true
            }
            """);
        var userId = (string)user!["id"]!;

        var created = await replay.StepAsync("Create Groups (no such role)", HttpMethod.Post, "/scim/v2/Groups", HttpStatusCode.BadRequest, """
            { "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Test SCIMv2", "members": [] }
            """);
        Assert.Equal("invalidValue", ScimReplay.ErrorType(created));

        // Group Push "link to an existing group" looks the group up by name.
        var matched = await replay.FilterAsync("Find the group by name", "Groups", $"displayName eq \"{Roles.BillingAdmin}\"", "&startIndex=1&count=100");
        var groupId = (string)matched["Resources"]![0]!["id"]!;
        var groups = await replay.GetAsync("Retrieve Groups", "/scim/v2/Groups?startIndex=1&count=100");
        Assert.Contains(groups!["Resources"]!.AsArray(), g => (string?)g!["id"] == groupId);
        var fetched = await replay.GetAsync("Retrieve a specific Group", $"/scim/v2/Groups/{groupId}");
        Assert.Equal(Roles.BillingAdmin, (string?)fetched!["displayName"]);

        await replay.StepAsync("Update a specific Group name (same name)", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "replace", "value": { "id": "{{groupId}}", "displayName": "{{Roles.BillingAdmin}}" } }] }
            """);

        var added = await replay.StepAsync("Update specific Group membership (add)", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "add", "path": "members", "value": [{ "value": "{{userId}}", "display": "{{userName}}" }] }] }
            """);
        Assert.Contains(added!["members"]!.AsArray(), m => (string?)m!["value"] == userId);
        Assert.Equal([Roles.BillingAdmin], await RolesOfAsync(userId));

        await replay.StepAsync("Update specific Group membership (remove)", HttpMethod.Patch, $"/scim/v2/Groups/{groupId}", HttpStatusCode.OK, $$"""
            { "schemas": ["{{PatchOp}}"], "Operations": [{ "op": "remove", "path": "members[value eq \"{{userId}}\"]" }] }
            """);
        Assert.Equal([Roles.Member], await RolesOfAsync(userId));

        var deleted = await replay.StepAsync("Delete a specific Group", HttpMethod.Delete, $"/scim/v2/Groups/{groupId}", HttpStatusCode.BadRequest);
        Assert.Equal("mutability", ScimReplay.ErrorType(deleted));
    }

    private Task<List<string?>> RolesOfAsync(string userId)
        => factory.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var id = Guid.Parse(userId);
            return db.UserRoles.Where(ur => ur.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        });
}
