using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;
using ProfilePortal.Web.Features.Tokens;
using static ProfilePortal.Tests.Features.Provisioning.ScimUserRequests;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>PATCH /scim/v2/Users/{id} as Microsoft Entra ID and Okta send it (RFC 7644 3.5.2): all operations or none.</summary>
public sealed class ScimUserPatchTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task EntraStyleReplaceOfActiveFalseString_DisablesEndsSessionsAndRefusesTokens()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var person = await factory.CreateUserAsync();
        var browser = await factory.SignedInClientAsync(person);
        var personal = await factory.CreateTokenAsync(person, TokenScopes.Read);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(personal.Value).GetAsync("/api/v1/me")).StatusCode);

        var response = await PatchAsync(client, person.Id.ToString(), Op("Replace", null, new JsonObject { ["active"] = "False" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((bool)(await ReadAsync(response))["active"]!);
        var disabled = (await factory.FindUserAsync(person.Id))!;
        Assert.NotNull(disabled.DisabledAt);
        Assert.Null(disabled.ProvisionedUserName);
        Assert.Equal(person.UserName, disabled.UserName);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(personal.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("/Account/Login", (await browser.GetAsync("/Profile")).Headers.Location?.ToString() ?? "");
        await factory.AssertAuditedAsync(person.Id, token.Token.Id, AdminAction.AccountDisabled, SecurityEventType.AccountDisabled);
        Assert.Contains(await factory.AuditOfAsync(person.Id), e => e.Action == AdminAction.TokensRevoked && e.ActorId == token.Token.Id);

        var enabled = await PatchAsync(client, person.Id.ToString(), Op("replace", "active", JsonValue.Create(true)));
        Assert.True((bool)(await ReadAsync(enabled))["active"]!);
        await factory.AssertAuditedAsync(person.Id, token.Token.Id, AdminAction.AccountEnabled, SecurityEventType.AccountEnabled);
    }

    [Fact]
    public async Task Paths_GivenName_EnterpriseDepartment_WorkEmail_RemoveTitle_AppliedTogether()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var created = await CreateAsync(client, WithOrganization(NewUser(), "Fabrikam " + Unique()));
        var id = (string)created["id"]!;
        var newEmail = $"new.{Unique()}@contoso.example";
        var oldEmail = (string)created["emails"]![0]!["value"]!;

        var response = await PatchAsync(client, id,
            Op("Replace", "name.givenName", JsonValue.Create("Alicia")),
            Op("Add", ScimSchemas.EnterpriseUser + ":department", JsonValue.Create("Sales")),
            Op("replace", "emails[type eq \"work\"].value", JsonValue.Create(newEmail)),
            Op("Remove", "title", null));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var resource = await ReadAsync(response);
        Assert.Equal("Alicia", (string?)resource["name"]!["givenName"]);
        Assert.Equal("Sales", (string?)resource[ScimSchemas.EnterpriseUser]!["department"]);
        Assert.Equal(newEmail, (string?)resource["emails"]![0]!["value"]);
        Assert.Null(resource["title"]);
        var user = (await factory.FindUserAsync(Guid.Parse(id)))!;
        Assert.Equal(newEmail, user.Email);
        Assert.True(user.EmailConfirmed);
        Assert.Null(user.Title);
        Assert.NotNull(user.DepartmentId);
        var audit = await factory.AuditOfAsync(user.Id);
        Assert.Contains(audit, e => e.Action == AdminAction.UserUpdatedByProvisioning && e.ActorId == token.Token.Id
                                    && e.Detail == "name.givenName, title, emails, department");
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.EmailChangedByAdmin && e.ActorId == token.Token.Id);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.ProfileChangedByProvisioning && e.ActorId == token.Token.Id);
        Assert.NotEqual(oldEmail, user.Email);
    }

    [Fact]
    public async Task OktaStyleReplaceWithoutPath_NameObjectAndUserName()
    {
        var client = await factory.ScimClientAsync();
        var created = await CreateAsync(client);
        var id = (string)created["id"]!;
        var userName = $"renamed.{Unique()}@contoso.example";

        var response = await PatchAsync(client, id, Op("replace", null, new JsonObject
        {
            ["userName"] = userName,
            ["name"] = new JsonObject { ["familyName"] = "Jones" },
            ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"] = "42",
        }));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var resource = await ReadAsync(response);
        Assert.Equal(userName, (string?)resource["userName"]);
        Assert.Equal("Alice", (string?)resource["name"]!["givenName"]);
        Assert.Equal("Jones", (string?)resource["name"]!["familyName"]);
        Assert.Equal(userName.Split('@')[0], (await factory.FindUserAsync(Guid.Parse(id)))!.UserName);
    }

    [Fact]
    public async Task UnknownPath_Is400InvalidPath_RemoveOfRequired_Is400Mutability()
    {
        var client = await factory.ScimClientAsync();
        var id = (string)(await CreateAsync(client))["id"]!;

        Assert.Equal(("400", "invalidPath"), await ErrorAsync(await PatchAsync(client, id, Op("replace", "favouriteColour", JsonValue.Create("green")))));
        Assert.Equal(("400", "mutability"), await ErrorAsync(await PatchAsync(client, id, Op("remove", "userName", null))));
        Assert.Equal(("400", "noTarget"), await ErrorAsync(await PatchAsync(client, id, Op("remove", "phoneNumbers[type eq \"fax\"]", null))));
        var noPatchSchema = await client.PatchAsync($"{Users}/{id}", Json(new JsonObject { ["Operations"] = new JsonArray(Op("replace", "title", JsonValue.Create("x"))) }));
        Assert.Equal(("400", "invalidSyntax"), await ErrorAsync(noPatchSchema));
    }

    [Fact]
    public async Task BadValueInOneOperation_Is400_AndNothingChanged()
    {
        var client = await factory.ScimClientAsync();
        var created = await CreateAsync(client);
        var id = (string)created["id"]!;

        var response = await PatchAsync(client, id,
            Op("replace", "title", JsonValue.Create("Changed")),
            Op("replace", "name.givenName", JsonValue.Create("Bob")),
            Op("replace", "phoneNumbers[type eq \"work\"].value", JsonValue.Create("not a phone")));

        Assert.Equal(("400", "invalidValue"), await ErrorAsync(response));
        var user = (await factory.FindUserAsync(Guid.Parse(id)))!;
        Assert.Equal("Engineer", user.Title);
        Assert.Equal("Alice", user.FirstName);
        Assert.Equal((string?)created["meta"]!["version"], (string?)(await ReadAsync(await client.GetAsync($"{Users}/{id}")))["meta"]!["version"]);
        Assert.DoesNotContain(await factory.AuditOfAsync(user.Id), e => e.Action == AdminAction.UserUpdatedByProvisioning);
    }

    [Fact]
    public async Task StaleIfMatch_Is412()
    {
        var client = await factory.ScimClientAsync();
        var id = (string)(await CreateAsync(client))["id"]!;
        var body = Json(new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.PatchOp),
            ["Operations"] = new JsonArray(Op("replace", "title", JsonValue.Create("x"))),
        });

        var response = await client.SendAsync(WithHeader(HttpMethod.Patch, $"{Users}/{id}", "If-Match", "W/\"1234\"", body));

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task ExcludedFromSync_PatchAnswers200Unchanged_AndTheSkipIsAudited()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var id = IdOf(await CreateAsync(client));
        await factory.SetExcludedFromSyncAsync(id);

        var response = await PatchAsync(client, id.ToString(), Op("replace", "title", JsonValue.Create("Changed")), Op("Replace", null, new JsonObject { ["active"] = false }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resource = await ReadAsync(response);
        Assert.Equal("Engineer", (string?)resource["title"]);
        Assert.True((bool)resource["active"]!);
        var user = (await factory.FindUserAsync(id))!;
        Assert.Null(user.DisabledAt);
        var skipped = Assert.Single(await factory.AuditOfAsync(id), e => e.Action == AdminAction.ProvisioningChangeSkipped);
        Assert.Equal("PATCH title, active", skipped.Detail);
        Assert.Equal(token.Token.Id, skipped.ActorId);
    }

    [Fact]
    public async Task DepartmentWithoutAnyOrganization_Is400InvalidValue()
    {
        var client = await factory.ScimClientAsync();
        var id = (string)(await CreateAsync(client))["id"]!;

        var response = await PatchAsync(client, id, Op("add", ScimSchemas.EnterpriseUser + ":department", JsonValue.Create("Sales")));

        Assert.Equal(("400", "invalidValue"), await ErrorAsync(response));
        Assert.Null((await factory.FindUserAsync(Guid.Parse(id)))!.DepartmentId);
    }

    private static JsonObject WithOrganization(JsonObject user, string organization)
    {
        user[ScimSchemas.EnterpriseUser] = new JsonObject { ["organization"] = organization };
        return user;
    }
}
