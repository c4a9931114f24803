using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Security;

/// <summary>
/// Who may call what, for every Razor page handler and every endpoint the app maps, read from its own
/// EndpointDataSource. Each one must have a line in <see cref="Table"/>: a page or endpoint added without one fails
/// <see cref="EveryEndpoint_HasALineInTheTable"/>, and then every check below covers it.
/// </summary>
public class AuthorizationMatrixTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public enum Access
    {
        /// <summary>Anyone; [AllowAnonymous] on the page or endpoint.</summary>
        Public,

        /// <summary>Any signed-in person (the fallback policy); anonymous goes to sign-in.</summary>
        SignedIn,

        /// <summary>A signed-in person holding <see cref="Expectation.Permission"/>; others get the access-denied page.</summary>
        Permission,

        /// <summary>Images of a person or organization: the same organization or an administrator, 404 for anyone else.</summary>
        InsideOrganization,

        /// <summary>A person's page (People card): anonymous goes to sign-in; the same organization or an administrator opens it, anyone else gets 404.</summary>
        SignedInInsideOrganization,

        /// <summary>The JSON API: a personal access token, never the cookie; 401 without one.</summary>
        ApiToken,

        /// <summary>SCIM provisioning (/scim/v2): a provisioning token only, never the cookie or a personal token; 401 without one.</summary>
        ProvisioningToken,
    }

    public sealed record Expectation(Access Access, string? Permission = null, bool ChecksAntiforgery = true);

    private static readonly Expectation Public = new(Access.Public);
    private static readonly Expectation SignedIn = new(Access.SignedIn);
    private static readonly Expectation UsersManage = new(Access.Permission, Permissions.UsersManage);
    private static readonly Expectation OrgManage = new(Access.Permission, Permissions.OrgManage);
    private static readonly Expectation ApiToken = new(Access.ApiToken);
    private static readonly Expectation ProvisioningToken = new(Access.ProvisioningToken);

    /// <summary>Pages: "METHOD /ViewEnginePath[?handler=Name]"; endpoints: "METHOD route" (* when any method).</summary>
    public static readonly IReadOnlyDictionary<string, Expectation> Table = new Dictionary<string, Expectation>(StringComparer.Ordinal)
    {
        ["GET /Account/AccessDenied"] = Public,
        ["GET /Account/ForgotPassword"] = Public,
        ["POST /Account/ForgotPassword"] = Public,
        ["GET /Account/ForgotPasswordConfirmation"] = Public,
        ["GET /Account/Language"] = Public,
        ["POST /Account/Language"] = Public,
        ["GET /Account/Lockout"] = Public,
        ["GET /Account/Login"] = Public,
        ["POST /Account/Login"] = Public,
        ["POST /Account/Login?handler=PasskeyOptions"] = Public,
        ["POST /Account/Login?handler=Passkey"] = Public,
        ["GET /Account/Logout"] = Public,
        ["POST /Account/Logout"] = Public,
        ["GET /Account/LoginWith2fa"] = Public,
        ["POST /Account/LoginWith2fa"] = Public,
        ["GET /Account/LoginWithRecoveryCode"] = Public,
        ["POST /Account/LoginWithRecoveryCode"] = Public,
        ["GET /Account/ResetPassword"] = Public,
        ["POST /Account/ResetPassword"] = Public,
        ["GET /Account/ResetPasswordConfirmation"] = Public,
        ["GET /Error"] = Public,
        // The error page is re-executed for failed requests of any method, so it cannot ask for a token.
        ["POST /Error"] = Public with { ChecksAntiforgery = false },
        ["GET /Docs/Api"] = Public,
        ["GET /openapi/{documentName}.json"] = Public,
        ["* /healthz"] = Public,

        ["GET /"] = SignedIn,
        ["GET /Account/Reauthenticate"] = SignedIn,
        ["POST /Account/Reauthenticate"] = SignedIn,
        ["POST /Account/Reauthenticate?handler=PasskeyOptions"] = SignedIn,
        ["POST /Account/Reauthenticate?handler=Passkey"] = SignedIn,
        ["POST /Account/Reauthenticate?handler=Code"] = SignedIn,
        ["GET /Settings"] = SignedIn,
        ["GET /Settings/Profile/Index"] = SignedIn,
        ["GET /Settings/Profile/Index?handler=TimeZones"] = SignedIn,
        ["POST /Settings/Profile/Index"] = SignedIn,
        ["POST /Settings/Profile/Index?handler=Attribute"] = SignedIn,
        ["GET /Settings/Avatar/Create"] = SignedIn,
        ["GET /Settings/Avatar/Index"] = SignedIn,
        ["POST /Settings/Avatar/Index"] = SignedIn,
        ["POST /Settings/Avatar/Index?handler=Remove"] = SignedIn,
        ["GET /Settings/Status/Index"] = SignedIn,
        ["POST /Settings/Status/Index"] = SignedIn,
        ["GET /Settings/Username/Index"] = SignedIn,
        ["POST /Settings/Username/Index"] = SignedIn,
        ["GET /Settings/Security/Index"] = SignedIn,
        ["POST /Settings/Security/Index"] = SignedIn,
        ["GET /Settings/SecurityLog/Index"] = SignedIn,
        ["GET /Settings/TwoFactor/Index"] = SignedIn,
        ["POST /Settings/TwoFactor/Index?handler=Start"] = SignedIn,
        ["POST /Settings/TwoFactor/Index?handler=Enable"] = SignedIn,
        ["POST /Settings/TwoFactor/Index?handler=RecoveryCodes"] = SignedIn,
        ["POST /Settings/TwoFactor/Index?handler=TurnOff"] = SignedIn,
        ["GET /Settings/Sessions/Index"] = SignedIn,
        ["POST /Settings/Sessions/Index?handler=End"] = SignedIn,
        ["POST /Settings/Sessions/Index?handler=EndOthers"] = SignedIn,
        ["GET /Settings/Passkeys/Index"] = SignedIn,
        ["POST /Settings/Passkeys/Index?handler=CreationOptions"] = SignedIn,
        ["POST /Settings/Passkeys/Index?handler=Add"] = SignedIn,
        ["POST /Settings/Passkeys/Index?handler=Rename"] = SignedIn,
        ["POST /Settings/Passkeys/Index?handler=Remove"] = SignedIn,
        ["GET /Settings/Tokens/Index"] = SignedIn,
        ["POST /Settings/Tokens/Index?handler=Create"] = SignedIn,
        ["POST /Settings/Tokens/Index?handler=Revoke"] = SignedIn,
        ["POST /Settings/Tokens/Index?handler=Remove"] = SignedIn,
        ["POST /Settings/Tokens/Index?handler=RevokeAll"] = SignedIn,
        ["GET /Settings/Tokens/Edit"] = SignedIn,
        ["POST /Settings/Tokens/Edit"] = SignedIn,
        ["GET /Settings/Notifications/Index"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Save"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Remove"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Test"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Resend"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Regenerate"] = SignedIn,
        ["POST /Settings/Notifications/Index?handler=Frequency"] = SignedIn,
        ["GET /Settings/Notifications/ConfirmEmail"] = SignedIn,
        ["POST /Settings/Notifications/ConfirmEmail"] = SignedIn,
        ["GET /Settings/Preferences/Index"] = SignedIn,
        ["POST /Settings/Preferences/Index"] = SignedIn,
        ["GET /Settings/Data/Index"] = SignedIn,
        ["POST /Settings/Data/Index?handler=Export"] = SignedIn,
        ["POST /Settings/Data/Index?handler=Delete"] = SignedIn,
        ["POST /Settings/Data/Index?handler=Withdraw"] = SignedIn,

        ["GET /People/Index"] = SignedIn,
        ["GET /People/Details"] = new(Access.SignedInInsideOrganization),

        ["GET /Billing/Index"] = new(Access.Permission, Permissions.BillingView),

        ["GET /Admin/Users/Index"] = UsersManage,
        ["GET /Admin/Users/Details"] = UsersManage,
        ["POST /Admin/Users/Details?handler=Unlock"] = UsersManage,
        ["POST /Admin/Users/Details?handler=Enable"] = UsersManage,
        ["POST /Admin/Users/Details?handler=Role"] = UsersManage,
        ["POST /Admin/Users/Details?handler=Membership"] = UsersManage,
        ["POST /Admin/Users/Details?handler=Attribute"] = UsersManage,
        ["GET /Admin/Users/Email"] = UsersManage,
        ["POST /Admin/Users/Email"] = UsersManage,
        ["GET /Admin/Users/Lock"] = UsersManage,
        ["POST /Admin/Users/Lock"] = UsersManage,
        ["GET /Admin/Users/Disable"] = UsersManage,
        ["POST /Admin/Users/Disable"] = UsersManage,
        ["GET /Admin/Users/EndSessions"] = UsersManage,
        ["POST /Admin/Users/EndSessions"] = UsersManage,
        ["GET /Admin/Users/RevokeTokens"] = UsersManage,
        ["POST /Admin/Users/RevokeTokens"] = UsersManage,
        ["GET /Admin/Users/ResetTwoFactor"] = UsersManage,
        ["POST /Admin/Users/ResetTwoFactor"] = UsersManage,
        ["GET /Admin/Users/ApproveDeletion"] = UsersManage,
        ["POST /Admin/Users/ApproveDeletion"] = UsersManage,
        ["GET /Admin/Users/DeclineDeletion"] = UsersManage,
        ["POST /Admin/Users/DeclineDeletion"] = UsersManage,
        ["GET /Admin/Roles/Index"] = UsersManage,
        ["GET /Admin/Provisioning/Index"] = UsersManage,
        ["POST /Admin/Provisioning/Index?handler=Create"] = UsersManage,
        ["POST /Admin/Provisioning/Index?handler=Revoke"] = UsersManage,
        ["GET /Admin/Attributes/Index"] = UsersManage,
        ["POST /Admin/Attributes/Index"] = UsersManage,
        ["GET /Admin/Attributes/Edit"] = UsersManage,
        ["POST /Admin/Attributes/Edit"] = UsersManage,
        ["POST /Admin/Attributes/Edit?handler=Delete"] = UsersManage,
        ["GET /Admin/Organizations/Index"] = OrgManage,
        ["POST /Admin/Organizations/Index"] = OrgManage,
        ["GET /Admin/Organizations/Details"] = OrgManage,
        ["POST /Admin/Organizations/Details?handler=Rename"] = OrgManage,
        ["POST /Admin/Organizations/Details?handler=Logo"] = OrgManage,
        ["POST /Admin/Organizations/Details?handler=AddDepartment"] = OrgManage,
        ["POST /Admin/Organizations/Details?handler=RenameDepartment"] = OrgManage,

        ["GET /avatars/{userId:guid}/{size:int}"] = new(Access.InsideOrganization),
        ["GET /avatars/{userId:guid}/full"] = new(Access.InsideOrganization),
        ["GET /organizations/{id:guid}/logo"] = new(Access.InsideOrganization),

        ["GET /api/v1/me"] = ApiToken,
        ["PATCH /api/v1/me"] = ApiToken,
        ["GET /api/v1/me/avatar"] = ApiToken,
        ["GET /api/v1/me/avatar/character"] = ApiToken,
        ["GET /api/v1/me/status"] = ApiToken,
        ["PUT /api/v1/me/status"] = ApiToken,
        ["* /api/{**path}"] = ApiToken,
        // SCIM: a provisioning token only; without one (cookie or nothing) 401 with a Bearer challenge, like the API.
        ["GET /scim/v2/Users/"] = ProvisioningToken,
        ["POST /scim/v2/Users/"] = ProvisioningToken,
        ["GET /scim/v2/Users/{id}"] = ProvisioningToken,
        ["PUT /scim/v2/Users/{id}"] = ProvisioningToken,
        ["PATCH /scim/v2/Users/{id}"] = ProvisioningToken,
        ["DELETE /scim/v2/Users/{id}"] = ProvisioningToken,

        ["* /scim/v2/{**path}"] = ProvisioningToken,
        ["GET /scim/v2/ServiceProviderConfig"] = ProvisioningToken,
        ["GET /scim/v2/ResourceTypes"] = ProvisioningToken,
        ["GET /scim/v2/ResourceTypes/{name}"] = ProvisioningToken,
        ["GET /scim/v2/Schemas"] = ProvisioningToken,
        ["GET /scim/v2/Schemas/{urn}"] = ProvisioningToken,
        ["GET /scim/v2/Groups"] = ProvisioningToken,
        ["GET /scim/v2/Groups/{id}"] = ProvisioningToken,
        ["POST /scim/v2/Groups"] = ProvisioningToken,
        ["PUT /scim/v2/Groups/{id}"] = ProvisioningToken,
        ["PATCH /scim/v2/Groups/{id}"] = ProvisioningToken,
        ["DELETE /scim/v2/Groups/{id}"] = ProvisioningToken,
    };

    /// <summary>
    /// Routes of signed-in people that take the id of something they own: each is tried with another person's id in
    /// <see cref="OtherPersonsIds_OwnerPages_Answer404AndChangeNothing"/>. (Administration pages take anyone's id by
    /// design and are guarded by their permission; the reset page's id is bound to its emailed code.)
    /// </summary>
    private static readonly HashSet<string> OwnerScoped = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /Settings/Tokens/Edit",
        "POST /Settings/Tokens/Edit",
        "POST /Settings/Tokens/Index?handler=Revoke",
        "POST /Settings/Tokens/Index?handler=Remove",
        "POST /Settings/Sessions/Index?handler=End",
    };

    public sealed record Route(string Key, string Method, string Template, bool TakesIds, RoutePattern Pattern, string? Handler)
    {
        public Expectation Expected => Table[Key];

        /// <summary>A Razor page handler (a form post), as opposed to a mapped endpoint.</summary>
        public bool PageHandler { get; init; }

        /// <summary>The URL with route values from <paramref name="valueOf"/> (by parameter name) or harmless defaults.</summary>
        public string Url(Func<string, string?>? valueOf = null)
        {
            var path = "/" + string.Join("/", Pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart { IsCatchAll: true } => "nothing-here",
                RoutePatternParameterPart { IsOptional: true } => "",
                RoutePatternParameterPart p when valueOf?.Invoke(p.Name) is { } value => value,
                RoutePatternParameterPart p when p.Name == "documentName" => "v1",
                RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "int") => "128",
                RoutePatternParameterPart => Guid.NewGuid().ToString(),
                _ => throw new InvalidOperationException($"Unexpected route part in {Pattern.RawText}"),
            }))));
            path = path.Length > 1 ? path.TrimEnd('/') : path;
            return Handler is null ? path : $"{path}?handler={Handler}";
        }
    }

    [Fact]
    public async Task EveryEndpoint_HasALineInTheTable()
    {
        var routes = await DiscoverAsync();

        var missing = routes.Select(r => r.Key).Where(k => !Table.ContainsKey(k)).ToList();
        var stale = Table.Keys.Where(k => routes.All(r => r.Key != k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints with no line in AuthorizationMatrixTests.Table (say who may call them):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Lines in the table for endpoints the app no longer has:\n" + string.Join("\n", stale));
        // A signed-in route taking an id must be tried with another person's id.
        var untried = routes.Where(r => r.TakesIds && r.Expected.Access == Access.SignedIn && !OwnerScoped.Contains(r.Key)).Select(r => r.Key).ToList();
        Assert.True(untried.Count == 0, "Routes taking ids with no other-person case in OwnerScoped:\n" + string.Join("\n", untried));
    }

    [Fact]
    public async Task EveryEndpoint_Anonymous_SignInOr401UnlessPublic()
    {
        var client = factory.CreateBrowserClient();
        // A real token of this anonymous browser: a refusal must come from authorization, not from the antiforgery check.
        var token = (await client.GetPageAsync("/Account/Login")).AntiforgeryToken;
        var failures = new List<string>();

        foreach (var route in await DiscoverAsync())
        {
            var url = route.Url();
            var response = await SendAsync(client, route, url, token);
            var ok = route.Expected.Access switch
            {
                Access.Public => !IsSignInChallenge(response) && (int)response.StatusCode < 500,
                Access.SignedIn or Access.Permission or Access.SignedInInsideOrganization => IsSignInChallenge(response),
                Access.InsideOrganization => response.StatusCode == HttpStatusCode.NotFound,
                Access.ApiToken or Access.ProvisioningToken
                    => response.StatusCode == HttpStatusCode.Unauthorized && response.Headers.WwwAuthenticate.ToString().Contains("Bearer", StringComparison.Ordinal),
                _ => false,
            };
            if (!ok) failures.Add($"{route.Key} ({route.Method} {url}) answered {Describe(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPermissionRoute_SignedInWithoutThePermission_IsDeniedAndChangesNothing()
    {
        var target = await factory.CreateUserAsync(role: Roles.Member);
        var organization = await CreateOrganizationAsync();
        // An active provisioning token, so that a revocation let through would change it.
        var provisioning = await factory.CreateProvisioningTokenAsync();
        var attribute = await factory.CreateAttributeAsync();
        var routes = (await DiscoverAsync()).Where(r => r.Expected.Access == Access.Permission).ToList();
        Assert.Contains(routes, r => r.Key == "POST /Admin/Users/Disable");
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { Roles.Member, Roles.BillingAdmin })
            clients[role] = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: role));
        var before = await factory.DatabaseStateAsync();

        foreach (var (role, client) in clients)
        {
            var held = RolePermissions(role);
            var token = (await client.GetPageAsync("/Settings/Profile")).AntiforgeryToken;
            var failures = new List<string>();
            foreach (var route in routes.Where(r => !held.Contains(r.Expected.Permission!)))
            {
                // Real ids and fields that would succeed, so that only the authorization stands in the way.
                var url = route.Url(name => name == "id" ? IdFor(route, target.Id, organization.Id, attribute: attribute.Id) : null);
                var fields = ActionFields(target, organization);
                fields["tokenId"] = provisioning.Token.Id.ToString();
                var response = await SendAsync(client, route, url, token, fields);
                if (!IsAccessDenied(response)) failures.Add($"{role}: {route.Method} {url} answered {Describe(response)}");
            }

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        Assert.Equal(before, await factory.DatabaseStateAsync());
    }

    [Fact]
    public async Task EveryPermissionPage_HolderOfThePermission_Opens()
    {
        var target = await factory.CreateUserAsync(role: Roles.Member);
        var organization = await CreateOrganizationAsync();
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var billing = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.BillingAdmin));
        var failures = new List<string>();

        foreach (var route in (await DiscoverAsync()).Where(r => r.Expected.Access == Access.Permission && r.Method == "GET"))
        {
            var url = route.Url(name => name == "id" ? IdFor(route, target.Id, organization.Id) : null);
            var response = await admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK) failures.Add($"Administrator: GET {url} answered {Describe(response)}");
            if (RolePermissions(Roles.BillingAdmin).Contains(route.Expected.Permission!) && (await billing.GetAsync(url)).StatusCode != HttpStatusCode.OK)
                failures.Add($"Billing admin: GET {url} did not open");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EverySignedInPage_Member_Opens()
    {
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Member));
        var failures = new List<string>();

        foreach (var route in (await DiscoverAsync()).Where(r => r.Expected.Access == Access.SignedIn && r.Method == "GET" && !r.TakesIds))
        {
            var response = await member.GetAsync(route.Url());
            var ok = response.StatusCode == HttpStatusCode.OK
                     || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.EndsWith("/Settings/Profile", StringComparison.Ordinal);
            if (!ok) failures.Add($"GET {route.Url()} answered {Describe(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryApiRoute_BrowserCookieWithoutToken_Is401()
    {
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Member));
        var failures = new List<string>();

        foreach (var route in (await DiscoverAsync()).Where(r => r.Expected.Access is Access.ApiToken or Access.ProvisioningToken))
        {
            var response = await SendAsync(member, route, route.Url(), token: null);
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{route.Method} {route.Url()} answered {Describe(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryPostHandler_WithoutAntiforgeryToken_Is400AndChangesNothing()
    {
        // An administrator holds every permission, so nothing but the missing token can refuse these requests.
        var adminUser = await factory.CreateUserAsync(role: Roles.Administrator);
        var admin = await factory.SignedInClientAsync(adminUser);
        var target = await factory.CreateUserAsync(role: Roles.Member);
        var organization = await CreateOrganizationAsync();
        var token = await factory.CreateTokenAsync(adminUser);
        await factory.SignedInClientAsync(adminUser); // a second session of the administrator, to end
        var otherSession = (await SessionIdsAsync(adminUser.Id)).Last();
        var fields = ActionFields(target, organization);
        fields["tokenId"] = token.Token.Id.ToString();
        fields["sessionId"] = otherSession.ToString();
        var routes = (await DiscoverAsync()).Where(r => r.Method == "POST" && r.PageHandler && r.Expected.ChecksAntiforgery).ToList();
        Assert.Contains(routes, r => r.Key == "POST /Account/Login");
        var before = await factory.DatabaseStateAsync();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var url = route.Url(name => name == "id" ? IdFor(route, target.Id, organization.Id, token.Token.Id) : null);
            var response = await admin.PostAsync(url, new FormUrlEncodedContent(fields));
            if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"POST {url} answered {Describe(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await factory.DatabaseStateAsync());
    }

    [Fact]
    public async Task OtherPersonsIds_OwnerPages_Answer404AndChangeNothing()
    {
        var owner = await factory.CreateUserAsync();
        var ownerToken = await factory.CreateTokenAsync(owner, description: "owner's token");
        var withdrawn = await factory.CreateTokenAsync(owner, description: "withdrawn");
        await factory.InScopeAsync(sp => sp.GetRequiredService<Web.Features.Tokens.TokenService>().RevokeAsync(owner.Id, withdrawn.Token.Id, CancellationToken.None));
        var ownerBrowser = await factory.SignedInClientAsync(owner);
        var ownerSession = (await SessionIdsAsync(owner.Id)).Single();
        var attacker = await factory.SignedInClientAsync(await factory.CreateUserAsync());
        var routes = (await DiscoverAsync()).Where(r => OwnerScoped.Contains(r.Key)).ToList();
        Assert.Equal(OwnerScoped.Count, routes.Count);
        var token = (await attacker.GetPageAsync("/Settings/Tokens")).AntiforgeryToken;
        var before = await factory.DatabaseStateAsync();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var tokenId = route.Key.EndsWith("Remove", StringComparison.Ordinal) ? withdrawn.Token.Id : ownerToken.Token.Id;
            var url = route.Url(name => name == "id" ? ownerToken.Token.Id.ToString() : null);
            var fields = new Dictionary<string, string>
            {
                ["tokenId"] = tokenId.ToString(),
                ["sessionId"] = ownerSession.ToString(),
                ["Input.Description"] = "taken over",
                ["Input.NeverExpires"] = "false",
                ["Input.ExpiresOn"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            };
            var response = await SendAsync(attacker, route, url, token, fields);
            if (response.StatusCode != HttpStatusCode.NotFound) failures.Add($"{route.Method} {url} answered {Describe(response)}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await factory.DatabaseStateAsync());
        Assert.Equal(HttpStatusCode.OK, (await ownerBrowser.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(ownerToken.Value).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task InsideOrganizationRoutes_OtherOrganization_Answer404()
    {
        var theirs = await CreateOrganizationAsync(withLogo: true);
        var mine = await CreateOrganizationAsync(withLogo: true);
        var person = await factory.CreateUserAsync(u => u.OrganizationId = theirs.Id);
        // A character avatar, so that every image route (the full body too) has something to serve.
        Assert.Equal(HttpStatusCode.Redirect, (await (await factory.SignedInClientAsync(person)).SetCharacterAsync()).StatusCode);
        var outsider = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = mine.Id));
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = theirs.Id));
        var failures = new List<string>();

        foreach (var route in (await DiscoverAsync()).Where(r => r.Expected.Access is Access.InsideOrganization or Access.SignedInInsideOrganization))
        {
            var personPage = route.Expected.Access == Access.SignedInInsideOrganization;
            var url = route.Url(name => name switch { "userId" => person.Id.ToString(), "id" => (personPage ? person.Id : theirs.Id).ToString(), _ => null });
            if ((await outsider.GetAsync(url)).StatusCode != HttpStatusCode.NotFound) failures.Add($"outsider: GET {url} was not 404");
            if ((await colleague.GetAsync(url)).StatusCode != HttpStatusCode.OK) failures.Add($"colleague: GET {url} did not open");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<List<Route>> DiscoverAsync()
    {
        _ = factory.Server; // the app must be built before its endpoints can be read
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var routes = new List<Route>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            var routeTakesIds = pattern.Parameters.Any(p => p.ParameterPolicies.Any(c => c.Content == "guid"));
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                if (compiled.HandlerMethods.Count == 0)
                {
                    routes.Add(new Route($"GET {page.ViewEnginePath}", "GET", page.ViewEnginePath, routeTakesIds, pattern, null) { PageHandler = true });
                }

                foreach (var handler in compiled.HandlerMethods)
                {
                    var method = handler.HttpMethod.ToUpperInvariant();
                    var key = $"{method} {page.ViewEnginePath}" + (handler.Name is null ? "" : $"?handler={handler.Name}");
                    var takesIds = routeTakesIds || handler.Parameters.Any(p => p.ParameterType == typeof(Guid) || p.ParameterType == typeof(Guid?));
                    routes.Add(new Route(key, method, page.ViewEnginePath, takesIds, pattern, handler.Name) { PageHandler = true });
                }
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                {
                    routes.Add(new Route($"{method} {pattern.RawText}", method == "*" ? "GET" : method, pattern.RawText!, routeTakesIds, pattern, null));
                }
            }
        }

        // Index pages have two routes (/Settings/Profile/Index and /Settings/Profile): test the one people use.
        return routes.GroupBy(r => r.Key).Select(g => g.OrderBy(r => r.Url().Length).First()).OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, string url, string? token, IDictionary<string, string>? fields = null)
    {
        if (route.Method == "GET") return client.GetAsync(url);
        if (!route.PageHandler)
        {
            return client.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), url)
            {
                Content = new StringContent("{\"title\":\"changed\"}", System.Text.Encoding.UTF8, "application/json"),
            });
        }

        var values = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        if (token is not null) values["__RequestVerificationToken"] = token;
        return client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Form fields that would make each administration action succeed if it were let through.</summary>
    private static Dictionary<string, string> ActionFields(TestUser target, Organization organization) => new()
    {
        ["Input.Email"] = $"changed-{Guid.NewGuid():N}@example.test",
        ["Input.MarkVerified"] = "true",
        ["Input.EndSessions"] = "true",
        ["Input.Name"] = "Renamed " + organization.Name,
        ["Input.DepartmentName"] = "New department",
        ["Input.OrganizationId"] = organization.Id.ToString(),
        ["Input.ConfirmDemotion"] = "true",
        ["Input.FirstName"] = "Changed",
        ["Input.LastName"] = "Changed",
        ["Input.TimeZoneId"] = TimeZoneCatalog.DefaultZone,
        ["Input.NewUserName"] = "changed" + Guid.NewGuid().ToString("N")[..8],
        ["Input.CurrentPassword"] = TestUsers.DefaultPassword,
        ["Input.NewPassword"] = "Changed$Pass9",
        ["Input.ConfirmPassword"] = "Changed$Pass9",
        ["Input.Login"] = target.UserName,
        ["Input.Password"] = target.Password,
        ["Input.Description"] = "changed",
        ["Input.NeverExpires"] = "true",
        ["Input.Read"] = "true",
        ["Input.Key"] = "changed_" + Guid.NewGuid().ToString("N")[..8],
        ["Input.Label"] = "Changed " + Guid.NewGuid().ToString("N")[..8],
        ["Input.Type"] = nameof(AttributeType.Text),
        ["Input.ShownOnProfile"] = "true",
        ["Attribute.AttributeId"] = BuiltInAttributes.FormerStudentId.ToString(),
        ["Attribute.Value"] = BuiltInAttributes.Yes,
        ["confirm"] = "true",
    };

    private static string? IdFor(Route route, Guid person, Guid organization, Guid? token = null, Guid? attribute = null)
        => route.Template.StartsWith("/Admin/Organizations", StringComparison.Ordinal) ? organization.ToString()
            : route.Template.StartsWith("/Admin/Attributes", StringComparison.Ordinal) ? (attribute ?? BuiltInAttributes.FormerStudentId).ToString()
            : route.Template.StartsWith("/Admin/Users", StringComparison.Ordinal) ? person.ToString()
            : token?.ToString();

    private static HashSet<string> RolePermissions(string role) => Roles.Seeded.Single(r => r.Name == role).Permissions.ToHashSet();

    private async Task<Organization> CreateOrganizationAsync(bool withLogo = false) => await factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var organization = new Organization { Id = Guid.NewGuid(), Name = "Org " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
        if (withLogo)
        {
            organization.Logo = TestImages.SolidPng(8, 8, (0, 90, 200));
            organization.LogoContentType = "image/png";
            organization.LogoVersion = 1;
        }

        organization.Departments.Add(new Department { Id = Guid.NewGuid(), Name = "Engineering", OrganizationId = organization.Id });
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    });

    private Task<List<Guid>> SessionIdsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).Select(s => s.Id).ToListAsync());

    /// <summary>The cookie handler's challenge: to the sign-in page, with the way back.</summary>
    private static bool IsSignInChallenge(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Redirect
           && response.Headers.Location is { } location
           && location.OriginalString.Contains("/Account/Login?ReturnUrl=", StringComparison.Ordinal);

    /// <summary>What the app does for a signed-in person without the permission: the access-denied page (which answers 403).</summary>
    private static bool IsAccessDenied(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Redirect
           && response.Headers.Location is { } location
           && location.OriginalString.Contains("/Account/AccessDenied?ReturnUrl=", StringComparison.Ordinal);

    private static string Describe(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.Headers.Location}";
}
