using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin;


/// <summary>
/// Every administration page and every handler on it, found from the app's own endpoints (so a page added later is
/// covered without touching this test), refuses people without the permission, on the server.
/// </summary>
public class AuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public sealed record Route(string Method, string Url, string Page);

    [Fact]
    public async Task EveryAdminPageAndHandler_Member_IsForbidden()
    {
        var routes = AdminRoutes();
        Assert.Contains(routes, r => r.Page == "/Admin/Users/Index");
        Assert.Contains(routes, r => r.Page == "/Admin/Users/Details" && r.Method == "POST");
        Assert.Contains(routes, r => r.Page == "/Admin/Organizations/Details" && r.Method == "POST");
        Assert.Contains(routes, r => r.Page == "/Admin/Roles/Index");

        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.Member));
        var billingAdmin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.BillingAdmin));
        foreach (var client in new[] { member, billingAdmin })
        {
            // A real token of this client, so the refusal is the authorization's and not the antiforgery check's.
            var token = (await client.GetPageAsync("/Settings/Profile")).AntiforgeryToken;
            foreach (var route in routes)
            {
                var response = await SendAsync(client, route, token);
                Assert.True(IsForbidden(response), $"{route.Method} {route.Url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task EveryAdminPageAndHandler_Anonymous_GoesToSignIn()
    {
        var client = factory.CreateBrowserClient();
        foreach (var route in AdminRoutes())
        {
            var response = await SendAsync(client, route, token: null);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal)
                        || response.StatusCode == HttpStatusCode.BadRequest && route.Method == "POST",
                $"{route.Method} {route.Url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task AdminPages_Administrator_Opens()
    {
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.Administrator));
        foreach (var route in AdminRoutes().Where(r => r.Method == "GET" && !r.Url.Contains(Placeholder, StringComparison.Ordinal)))
        {
            var response = await admin.GetAsync(route.Url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {route.Url} answered {(int)response.StatusCode}");
        }
    }

    private static readonly string Placeholder = Guid.Empty.ToString();

    private static bool IsForbidden(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Forbidden
           || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, string? token)
    {
        if (route.Method == "GET") return client.GetAsync(route.Url);
        var fields = new Dictionary<string, string>();
        if (token is not null) fields["__RequestVerificationToken"] = token;
        return client.PostAsync(route.Url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Each /Admin page from the endpoint data source, with every handler its page model declares (GET and POST).</summary>
    private List<Route> AdminRoutes()
    {
        _ = factory.Server; // the app must be built before its endpoints can be read
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<PageActionDescriptor>()))
            .Where(e => e.Page is not null && e.Page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(endpoints);

        var routes = new List<Route>();
        foreach (var (endpoint, page) in endpoints)
        {
            var url = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter when parameter.IsOptional => "",
                    _ => Placeholder,
                }))));
            url = url.TrimEnd('/');
            foreach (var (method, handler) in HandlersOf(PageModelType(page!)))
                routes.Add(new Route(method, handler is null ? url : $"{url}?handler={handler}", page!.ViewEnginePath));
        }

        return routes.DistinctBy(r => (r.Method, r.Url)).ToList();
    }

    /// <summary>The page's model class: Pages/Admin/Users/Details.cshtml → ProfilePortal.Web.Pages.Admin.Users.DetailsModel.</summary>
    private static Type PageModelType(PageActionDescriptor page)
    {
        var name = "ProfilePortal.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model";
        return typeof(Program).Assembly.GetType(name) ?? throw new InvalidOperationException($"No page model {name} for {page.ViewEnginePath}");
    }

    private static IEnumerable<(string Method, string? Handler)> HandlersOf(Type model)
    {
        foreach (var method in model.GetMethods(BindingFlags.Instance | BindingFlags.Public))
        {
            var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
            foreach (var verb in new[] { "Get", "Post" })
            {
                if (!name.StartsWith("On" + verb, StringComparison.Ordinal)) continue;
                var handler = name[(2 + verb.Length)..];
                yield return (verb.ToUpperInvariant(), handler.Length == 0 ? null : handler);
            }
        }
    }
}
