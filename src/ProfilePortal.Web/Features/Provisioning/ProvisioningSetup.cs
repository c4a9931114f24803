using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// SCIM 2.0 provisioning at /scim/v2 (SPEC 2.9a, RFC 7643/7644): authenticated only by a provisioning token (never a
/// cookie or a personal token), answering only in SCIM's JSON, errors included.
/// </summary>
public static class ProvisioningSetup
{
    public const string Policy = "scim";
    public const string BasePath = "/scim/v2";

    public static WebApplicationBuilder AddProvisioningFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ProvisioningTokenService>();
        builder.Services.AddScimUsers();
        builder.Services.AddScoped<ScimGroupService>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ProvisioningTokenAuthenticationHandler>(ProvisioningTokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(options => options.AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(ProvisioningTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(ProvisioningTokenAuthenticationHandler.TokenIdClaim)));
        return builder;
    }

    public static bool IsScim(HttpContext context) => context.Request.Path.StartsWithSegments("/scim");

    /// <summary>Unhandled failures under /scim answer with a SCIM error (500), never the HTML error page.</summary>
    public static IApplicationBuilder UseScimExceptionHandler(this IApplicationBuilder scim)
        => scim.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                var t = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                return ScimErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, t["The request failed on the server. Retry later."]);
            },
        });

    /// <summary>Bodiless error statuses under /scim (405, 404 from routing, ...) get a SCIM error body.</summary>
    public static IApplicationBuilder UseScimStatusCodePages(this IApplicationBuilder scim)
        => scim.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(http.Response.StatusCode);
            return ScimErrors.WriteAsync(http, http.Response.StatusCode, t[reason]);
        });

    /// <summary>The route group every SCIM endpoint is mapped in; endpoints are mapped by the resource classes.</summary>
    public static RouteGroupBuilder MapPortalScim(this WebApplication app)
    {
        var scim = app.MapGroup(BasePath).RequireAuthorization(Policy).ExcludeFromDescription();
        scim.MapScimUsers();
        scim.MapScimGroups();
        scim.MapScimDiscovery();
        // Unknown SCIM routes answer in SCIM's language; like every SCIM route they need a provisioning token.
        app.MapFallback(BasePath + "/{**path}", (HttpContext context, IStringLocalizer<SharedResource> t)
                => ScimErrors.Result(StatusCodes.Status404NotFound, t["No SCIM endpoint at {0}.", context.Request.Path]))
            .RequireAuthorization(Policy).ExcludeFromDescription();
        return scim;
    }

    /// <summary>The provisioning token making the request: its id is the actor in the audit, its name what people read.</summary>
    public static (Guid Id, string Name) ProvisioningActor(this ClaimsPrincipal principal)
        => (Guid.Parse(principal.FindFirstValue(ProvisioningTokenAuthenticationHandler.TokenIdClaim)!), principal.Identity?.Name ?? "");
}
