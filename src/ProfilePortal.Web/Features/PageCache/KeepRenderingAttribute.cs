using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.PageCache;

/// <summary>
/// On a Razor page model: a signed-in GET of the page is answered from <see cref="RenderedPageCache"/> when a rendering
/// for the same person, address and variant is kept at the data versions read in this request (the person's by the
/// session read, the shared one here); otherwise the page renders as always and its rendering is kept if its handler
/// allowed it (<see cref="RenderingLifetime"/>).
/// Only for pages whose every value comes from the person's account rows, roles, places and attributes (the data
/// versions), the ticket's claims and the culture. A request carrying a status message (TempData) or an unknown query
/// key always renders.
/// A kept answer uses no AppUser, so the session read of these pages does not load one (<see cref="ISessionAccountNotNeeded"/>);
/// a rendering reads it with the page.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeepRenderingAttribute : Attribute, IAsyncResourceFilter, ISessionAccountNotNeeded
{
    /// <summary>A larger rendering is sent but not kept.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The query keys the page reads (each value is its own rendering); any other key means "render".</summary>
    public string[] QueryKeys { get; init; } = [];

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (!services.GetRequiredService<IOptions<RenderedPageCacheOptions>>().Value.Enabled
            || !IsKeepable(http.Request, services)
            || http.Features.Get<PersonDataVersion>() is not { } person
            || !Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await next();
            return;
        }

        // On the connection the session read opened for this request: one short indexed read.
        var versions = new DataVersionStamp(person.Value, await DataVersions.ReadSharedAsync(services.GetRequiredService<AppDbContext>(), http.RequestAborted));

        var cache = services.GetRequiredService<RenderedPageCache>();
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        var key = new RenderedPageCache.Key(userId, http.Request.Path + http.Request.QueryString, RenderedPageCache.VariantOf(http.User));
        if (cache.Find(key, versions) is { } kept)
        {
            context.Result = new KeptRenderingResult(kept, antiforgery);
            return;
        }

        // Render into memory (Razor buffers the whole page anyway), keep it if the page allowed, then send it.
        var lifetime = new RenderingLifetime();
        http.Features.Set(lifetime);
        var body = http.Response.Body;
        using var rendered = new MemoryStream();
        http.Response.Body = rendered;
        ResourceExecutedContext executed;
        try
        {
            executed = await next();
        }
        finally
        {
            http.Response.Body = body;
        }

        // A failure is answered by the error handler; nothing of this rendering is sent or kept.
        if (executed.Exception is not null && !executed.ExceptionHandled) return;

        var page = rendered.GetBuffer().AsMemory(0, (int)rendered.Length);
        if (lifetime.KeepUntil is { } until && http.Response.StatusCode == StatusCodes.Status200OK && page.Length <= MaxBytes
            && http.Response.ContentType is { } contentType && contentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            // The token the page's forms carry (one per request, whatever the number of forms).
            cache.Keep(key, versions, until, contentType, page.ToArray(), antiforgery.GetAndStoreTokens(http).RequestToken);
        }

        await body.WriteAsync(page, http.RequestAborted);
    }

    private bool IsKeepable(HttpRequest request, IServiceProvider services)
    {
        if (!HttpMethods.IsGet(request.Method) || request.HttpContext.User.Identity?.IsAuthenticated != true) return false;
        foreach (var (name, values) in request.Query)
        {
            if (values.Count != 1 || !QueryKeys.Contains(name, StringComparer.OrdinalIgnoreCase)) return false;
        }

        // A status message after a POST is shown once, so that page is rendered (and reads it).
        var tempData = services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie.Name!;
        return !request.Cookies.ContainsKey(tempData);
    }

    private sealed class KeptRenderingResult(RenderedPageCache.Rendering rendering, IAntiforgery antiforgery) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => rendering.WriteAsync(context.HttpContext, antiforgery);
    }
}
