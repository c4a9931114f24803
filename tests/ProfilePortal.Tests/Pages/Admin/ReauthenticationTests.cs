using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Reauthentication;

namespace ProfilePortal.Tests.Pages.Admin;


/// <summary>
/// SPEC 2.4: every administrator action asks for the password again when the session's confirmation is stale. The
/// handlers are found from the app's own pages, so an admin page added later is covered without touching this test.
/// </summary>
public partial class ReauthenticationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public sealed record Handler(string Page, string? Name, string Url);

    [Fact]
    public async Task EveryAdminPostHandler_RequiresReauthentication()
    {
        var handlers = await AdminPostHandlersAsync();

        Assert.Contains(handlers, h => h.Page == "/Admin/Users/Details" && h.Name == "Role");
        Assert.Contains(handlers, h => h.Page == "/Admin/Users/Lock");
        Assert.Contains(handlers, h => h.Page == "/Admin/Organizations/Details" && h.Name == "Rename");
        var pages = await CompiledAdminPagesAsync();
        foreach (var page in pages)
        {
            foreach (var handler in page.HandlerMethods.Where(h => h.HttpMethod == "Post"))
                Assert.True(RequiresReauthenticationAttribute.AppliesTo(page, handler, HttpMethods.Post), $"{page.ViewEnginePath} POST {handler.Name} is not guarded");
        }
    }

    [Fact]
    public async Task EveryAdminPostHandler_ConfirmationOlderThanWindow_GoesToReauthenticateAndChangesNothing()
    {
        var admin = await factory.CreateUserAsync(role: ProfilePortal.Web.Data.Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(admin);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        // A real token of this client, so the answer is the re-authentication's and not the antiforgery check's.
        var token = (await client.GetPageAsync("/Settings/Profile")).AntiforgeryToken;

        foreach (var handler in await AdminPostHandlersAsync())
        {
            // Aimed at a real person, so a handler that slipped through would change them (and fail below).
            var url = handler.Url.Replace("{id}", person.Id.ToString(), StringComparison.Ordinal);
            var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

            Assert.True(response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location!.ToString().StartsWith("/Account/Reauthenticate?returnUrl=", StringComparison.Ordinal),
                $"POST {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }

        Assert.Empty(await factory.AuditOfAsync(person.Id));
        Assert.Empty(await factory.SecurityLogOfAsync(person.Id));
    }

    /// <summary>The pages under /Admin as they run: conventions (the folder's attribute among them) applied.</summary>
    private async Task<List<CompiledPageActionDescriptor>> CompiledAdminPagesAsync()
    {
        _ = factory.Server; // the app must be built before its pages can be read
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var pages = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>()
            .Where(p => p.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal))
            .DistinctBy(p => p.ViewEnginePath)
            .ToList();
        Assert.NotEmpty(pages);
        var compiled = new List<CompiledPageActionDescriptor>();
        foreach (var page in pages) compiled.Add(await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty));
        return compiled;
    }

    /// <summary>Each POST handler with its URL; a route parameter becomes "{id}" (every admin route has at most an id).</summary>
    private async Task<List<Handler>> AdminPostHandlersAsync()
    {
        var handlers = new List<Handler>();
        foreach (var page in await CompiledAdminPagesAsync())
        {
            var template = "/" + page.AttributeRouteInfo!.Template!.TrimEnd('/');
            var url = RouteParameter().Replace(template, "{id}");
            foreach (var handler in page.HandlerMethods.Where(h => h.HttpMethod == "Post"))
                handlers.Add(new Handler(page.ViewEnginePath, handler.Name, string.IsNullOrEmpty(handler.Name) ? url : $"{url}?handler={handler.Name}"));
        }

        Assert.NotEmpty(handlers);
        return handlers;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
