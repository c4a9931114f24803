using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Provisioning;
using static ProfilePortal.Tests.Features.Provisioning.ScimUserRequests;

namespace ProfilePortal.Tests.Features.Provisioning;

/// <summary>/scim/v2/Users: create, get, list and filter, PUT, DELETE and their errors (RFC 7644 3.3–3.6).</summary>
public sealed partial class ScimUsersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Create_Is201WithLocationAndETag_MapsTheBody_AndThePersonCanSetAPasswordAndSignIn()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var unique = Unique();
        var body = NewUser($"Alice.{unique}@Contoso.example", $"alice.{unique}@contoso.example");
        body[ScimSchemas.EnterpriseUser] = new JsonObject { ["organization"] = "Contoso " + unique, ["department"] = "Research" };

        var response = await client.PostAsync(Users, Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var resource = await ReadAsync(response);
        var id = IdOf(resource);
        Assert.Equal("http://localhost/scim/v2/Users/" + id, response.Headers.Location!.ToString());
        Assert.Equal((string)resource["meta"]!["version"]!, response.Headers.ETag!.ToString());
        Assert.Equal($"Alice.{unique}@Contoso.example", (string?)resource["userName"]);
        Assert.Equal("Alice", (string?)resource["name"]!["givenName"]);
        Assert.Equal("+442079460123", (string?)resource["phoneNumbers"]![0]!["value"]);
        Assert.Equal("Research", (string?)resource[ScimSchemas.EnterpriseUser]!["department"]);
        Assert.Equal(Roles.Member, (string?)resource["groups"]![0]!["display"]);
        Assert.True((bool)resource["active"]!);

        var user = (await factory.FindUserAsync(id))!;
        Assert.Equal($"Alice.{unique}", user.UserName);
        Assert.Equal(body["externalId"]!.ToString(), user.ExternalId);
        Assert.True(user.EmailConfirmed);
        Assert.NotNull(user.EmailVerifiedAt);
        Assert.Null(user.PasswordHash);
        Assert.Equal("Engineer", user.Title);
        await factory.AssertAuditedAsync(id, token.Token.Id, AdminAction.UserProvisioned, SecurityEventType.AccountProvisioned);
        Assert.Contains(await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().AdminAuditEntries.AsNoTracking().ToListAsync()),
            e => e.Action == AdminAction.DepartmentCreated && e.ActorId == token.Token.Id && e.Detail == $"Contoso {unique} / Research");

        // "Forgot password" is how the person gets a password.
        var browser = factory.CreateBrowserClient();
        await browser.SubmitFormAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Login"] = user.Email! });
        var mail = Assert.Single(await PickupMailbox.WaitForMessagesToAsync(factory.PickupDirectory, user.Email!, matching: m => ResetLink().IsMatch(m.Text)));
        var link = new Uri(ResetLink().Match(mail.Text).Value).PathAndQuery;
        var page = await browser.GetPageAsync(link);
        await browser.PostFormAsync(page.Form("Input.NewPassword"), new Dictionary<string, string>
        {
            ["Input.NewPassword"] = "Brand-New$Pass1",
            ["Input.ConfirmPassword"] = "Brand-New$Pass1",
        }, link);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserClient().SignInAsync(user.UserName!, "Brand-New$Pass1")).StatusCode);
    }

    [Fact]
    public async Task Create_UserNameThatIsNoPortalUsername_DerivesAFreeOne()
    {
        var client = await factory.ScimClientAsync();
        var taken = await factory.CreateUserAsync();

        var resource = await CreateAsync(client, NewUser(taken.UserName + "@contoso.example"));

        var user = (await factory.FindUserAsync(IdOf(resource)))!;
        Assert.Equal(taken.UserName + "-2", user.UserName);
        Assert.Equal(taken.UserName + "@contoso.example", (string?)resource["userName"]);
    }

    [Fact]
    public async Task Create_DuplicateUserNameInAnyCase_Or_DuplicateEmail_Is409Uniqueness()
    {
        var client = await factory.ScimClientAsync();
        var first = await CreateAsync(client);
        var existing = await factory.CreateUserAsync();

        var sameUserName = await client.PostAsync(Users, Json(NewUser(((string)first["userName"]!).ToUpperInvariant())));
        var portalUserName = await client.PostAsync(Users, Json(NewUser(existing.UserName.ToUpperInvariant())));
        var sameEmail = await client.PostAsync(Users, Json(NewUser(email: existing.Email.ToUpperInvariant())));

        foreach (var response in new[] { sameUserName, portalUserName, sameEmail })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(("409", "uniqueness"), await ErrorAsync(response));
        }
    }

    [Fact]
    public async Task Create_SameUserNameTwiceAtOnce_OneIs201TheOther409()
    {
        var client = await factory.ScimClientAsync();
        var body = NewUser();

        var responses = await Task.WhenAll(client.PostAsync(Users, Json(body)), client.PostAsync(Users, Json(body)));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(("409", "uniqueness"), await ErrorAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict)));
    }

    [Fact]
    public async Task Create_DifferentUserNamesDerivingOneUsernameAtOnce_AreAll201WithUsernamesOfTheirOwn()
    {
        // Six people of six companies with the same local part: each userName is unique, each derives the same portal
        // username, and the requests race between finding it free and saving it.
        var client = await factory.ScimClientAsync();
        var stem = "bob." + Unique();

        var responses = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => client.PostAsync(Users, Json(NewUser($"{stem}@company{i}.example")))));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Created, response.StatusCode));
        var usernames = new List<string>();
        foreach (var response in responses) usernames.Add((await factory.FindUserAsync(IdOf(await ReadAsync(response))))!.UserName!);
        Assert.Equal(6, usernames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(usernames, name => Assert.StartsWith(stem, name));
    }

    [Fact]
    public async Task Create_Errors_UnknownAttribute_MissingSchemas_MissingEmail_BadPhone_Are400()
    {
        var client = await factory.ScimClientAsync();
        var unknown = NewUser();
        unknown["favouriteColour"] = "green";
        var noSchemas = NewUser();
        noSchemas.Remove("schemas");
        var noEmail = NewUser();
        noEmail.Remove("emails");
        var badPhone = NewUser();
        badPhone["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "work", ["value"] = "12345" });
        var unknownAttribute = NewUser();
        unknownAttribute[ScimSchemas.PortalAttributes] = new JsonObject { ["no_such_key"] = true };

        Assert.Equal(("400", "invalidSyntax"), await ErrorAsync(await client.PostAsync(Users, Json(unknown))));
        Assert.Equal(("400", "invalidSyntax"), await ErrorAsync(await client.PostAsync(Users, Json(noSchemas))));
        Assert.Equal(("400", "invalidValue"), await ErrorAsync(await client.PostAsync(Users, Json(noEmail))));
        Assert.Equal(("400", "invalidValue"), await ErrorAsync(await client.PostAsync(Users, Json(badPhone))));
        var attributeResponse = await client.PostAsync(Users, Json(unknownAttribute));
        Assert.Equal(("400", "invalidValue"), await ErrorAsync(attributeResponse));
        Assert.False(await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.ExternalId == (string)unknownAttribute["externalId"]!)));
    }

    [Fact]
    public async Task Create_WritesPortalAttributes()
    {
        var client = await factory.ScimClientAsync();
        var body = NewUser();
        body[ScimSchemas.PortalAttributes] = new JsonObject { [BuiltInAttributes.FormerStudentKey] = "True" };

        var resource = await CreateAsync(client, body);

        Assert.True((bool)resource[ScimSchemas.PortalAttributes]![BuiltInAttributes.FormerStudentKey]!);
    }

    [Fact]
    public async Task Get_200WithETag_404ForUnknownAndNonGuid_304ForIfNoneMatch()
    {
        var client = await factory.ScimClientAsync();
        var created = await CreateAsync(client);
        var id = IdOf(created);

        var response = await client.GetAsync($"{Users}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((string?)created["userName"], (string?)(await ReadAsync(response))["userName"]);
        var etag = response.Headers.ETag!.ToString();

        Assert.Equal(("404", null), await ErrorAsync(await client.GetAsync($"{Users}/{Guid.NewGuid()}")));
        Assert.Equal(("404", null), await ErrorAsync(await client.GetAsync($"{Users}/not-a-guid")));
        var notModified = await client.SendAsync(WithHeader(HttpMethod.Get, $"{Users}/{id}", "If-None-Match", etag));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task List_FiltersByUserNameExternalIdAndWorkEmail_AndPagesInTheDatabase()
    {
        var client = await factory.ScimClientAsync();
        var a = await CreateAsync(client);
        var b = await CreateAsync(client);

        async Task<JsonObject> ListAsync(string query)
        {
            var response = await client.GetAsync(Users + query);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await ReadAsync(response);
        }

        var byUserName = await ListAsync("?filter=" + Uri.EscapeDataString($"USERNAME Eq \"{((string)a["userName"]!).ToUpperInvariant()}\""));
        Assert.Equal(1, (int)byUserName["totalResults"]!);
        Assert.Equal((string?)a["id"], (string?)byUserName["Resources"]![0]!["id"]);
        var byExternalId = await ListAsync("?filter=" + Uri.EscapeDataString($"externalId eq \"{b["externalId"]}\""));
        Assert.Equal((string?)b["id"], (string?)Assert.Single(byExternalId["Resources"]!.AsArray())!["id"]);
        var wrongCaseExternalId = await ListAsync("?filter=" + Uri.EscapeDataString($"externalId eq \"{b["externalId"]!.ToString().ToUpperInvariant()}\""));
        Assert.Equal(0, (int)wrongCaseExternalId["totalResults"]!);
        var byEmail = await ListAsync("?filter=" + Uri.EscapeDataString($"emails[type eq \"work\"].value eq \"{b["emails"]![0]!["value"]}\""));
        Assert.Equal((string?)b["id"], (string?)Assert.Single(byEmail["Resources"]!.AsArray())!["id"]);

        var all = await ListAsync("?count=0");
        var total = (int)all["totalResults"]!;
        Assert.True(total >= 2);
        Assert.Empty(all["Resources"]!.AsArray());
        var everyone = (await ListAsync("?count=200"))["Resources"]!.AsArray().Select(r => (string?)r!["id"]).ToList();
        Assert.Equal(total, everyone.Count);
        Assert.Contains((string?)a["id"], everyone);
        Assert.Contains((string?)b["id"], everyone);
        var secondPage = await ListAsync("?startIndex=2&count=1");
        Assert.Equal(2, (int)secondPage["startIndex"]!);
        Assert.Equal(everyone[1], (string?)Assert.Single(secondPage["Resources"]!.AsArray())!["id"]);
        var last = await ListAsync($"?startIndex={total}&count=5");
        Assert.Equal(everyone[^1], (string?)Assert.Single(last["Resources"]!.AsArray())!["id"]);
        Assert.Equal(ScimSchemas.ListResponse, (string?)last["schemas"]![0]);
    }

    [Theory]
    [InlineData("userName ne \"x\"")]
    [InlineData("userName eq \"x\" or userName eq \"y\"")]
    [InlineData("title eq \"x\"")]
    [InlineData("userName eq")]
    public async Task List_UnsupportedOrBadFilter_Is400InvalidFilter(string filter)
    {
        var client = await factory.ScimClientAsync();

        var response = await client.GetAsync(Users + "?filter=" + Uri.EscapeDataString(filter));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(("400", "invalidFilter"), await ErrorAsync(response));
    }

    [Fact]
    public async Task Put_ReplacesTheUser_ClearsWhatIsNotSent_AndAudits()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var created = await CreateAsync(client);
        var id = IdOf(created);
        var body = NewUser((string)created["userName"]!, (string)created["emails"]![0]!["value"]!, (string)created["externalId"]!);
        body["name"] = new JsonObject { ["givenName"] = "Alicia", ["familyName"] = "Smith" };
        body.Remove("title");
        body.Remove("phoneNumbers");

        var response = await client.PutAsync($"{Users}/{id}", Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resource = await ReadAsync(response);
        Assert.Equal("Alicia", (string?)resource["name"]!["givenName"]);
        Assert.Null(resource["title"]);
        var user = (await factory.FindUserAsync(id))!;
        Assert.Null(user.Title);
        Assert.Null(user.PhoneNumber);
        var audit = Assert.Single(await factory.AuditOfAsync(id), e => e.Action == AdminAction.UserUpdatedByProvisioning);
        Assert.Equal(token.Token.Id, audit.ActorId);
        Assert.Equal("name.givenName, title, phoneNumbers", audit.Detail);
        Assert.Contains(await factory.SecurityLogOfAsync(id), e => e.Type == SecurityEventType.ProfileChangedByProvisioning && e.ActorId == token.Token.Id);
    }

    [Fact]
    public async Task Put_MissingName_Is400_StaleIfMatch_Is412_NothingChanged()
    {
        var client = await factory.ScimClientAsync();
        var created = await CreateAsync(client);
        var id = IdOf(created);
        var noName = NewUser((string)created["userName"]!, (string)created["emails"]![0]!["value"]!);
        noName.Remove("name");
        noName["title"] = "Changed";

        Assert.Equal(("400", "invalidValue"), await ErrorAsync(await client.PutAsync($"{Users}/{id}", Json(noName))));
        noName["name"] = new JsonObject { ["givenName"] = "Alice", ["familyName"] = "Smith" };
        var stale = await client.SendAsync(WithHeader(HttpMethod.Put, $"{Users}/{id}", "If-Match", "W/\"0000\"", Json(noName)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("Engineer", (await factory.FindUserAsync(id))!.Title);

        var current = await client.SendAsync(WithHeader(HttpMethod.Put, $"{Users}/{id}", "If-Match", (string)created["meta"]!["version"]!, Json(noName)));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("Changed", (await factory.FindUserAsync(id))!.Title);
    }

    [Fact]
    public async Task Delete_Is204_AccountGone_AuditKeptWithIdOnly()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var id = IdOf(await CreateAsync(client));

        var response = await client.DeleteAsync($"{Users}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await factory.FindUserAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Users}/{id}")).StatusCode);
        var audit = await factory.AuditOfAsync(id);
        Assert.Contains(audit, e => e.Action == AdminAction.UserProvisioned && e.Detail == null);
        Assert.Contains(audit, e => e.Action == AdminAction.UserDeletedByProvisioning && e.ActorId == token.Token.Id);
        Assert.Contains(await factory.SecurityLogOfAsync(id), e => e.Type == SecurityEventType.AccountDeleted && e.ActorId == token.Token.Id);
    }

    [Fact]
    public async Task Delete_LastActiveAdministrator_Is409_AndTheAccountStays()
    {
        var client = await factory.ScimClientAsync();
        // The token's creator is an administrator; disable every other administrator's effect by asking to delete
        // each administrator in turn: the last one must stay.
        var adminIds = await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var roleId = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).SingleAsync();
            return await db.UserRoles.Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync();
        });
        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => adminIds.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, factory.Clock.GetUtcNow().UtcDateTime)));
        var last = await factory.CreateUserAsync(role: Roles.Administrator);

        var response = await client.DeleteAsync($"{Users}/{last.Id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.NotNull(await factory.FindUserAsync(last.Id));
        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => adminIds.Contains(u.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, (DateTime?)null)));
    }

    [Fact]
    public async Task ExcludedFromSync_PutAnswersUnchanged_DeleteAnswers204ButKeeps_AndSkipsAreAudited()
    {
        var token = await factory.CreateProvisioningTokenAsync();
        var client = factory.ScimClient(token.Value);
        var created = await CreateAsync(client);
        var id = IdOf(created);
        await factory.SetExcludedFromSyncAsync(id);
        var body = NewUser((string)created["userName"]!, (string)created["emails"]![0]!["value"]!);
        body["title"] = "Changed";

        var put = await client.PutAsync($"{Users}/{id}", Json(body));
        var delete = await client.DeleteAsync($"{Users}/{id}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Engineer", (string?)(await ReadAsync(put))["title"]);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var user = (await factory.FindUserAsync(id))!;
        Assert.Equal("Engineer", user.Title);
        var skipped = (await factory.AuditOfAsync(id)).Where(e => e.Action == AdminAction.ProvisioningChangeSkipped).ToList();
        Assert.Equal(["PUT", "DELETE"], skipped.Select(e => e.Detail));
        Assert.All(skipped, e => Assert.Equal(token.Token.Id, e.ActorId));
    }

    [GeneratedRegex(@"http://localhost/Account/ResetPassword\?userId=[0-9a-f-]+&code=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}
