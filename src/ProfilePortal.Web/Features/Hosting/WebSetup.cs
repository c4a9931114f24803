using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpLogging;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Organizations;

namespace ProfilePortal.Web.Features.Hosting;

public static class WebSetup
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services
            .AddRazorPages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ProfilePortal.Antiforgery";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Request logs: method, path, status and duration only. Query strings, headers and bodies can carry
        // reset codes, cookies and passwords, so they are never logged.
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                                    HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });

        // Behind a reverse proxy, the client's address and scheme come from X-Forwarded-For/-Proto, trusted only
        // from the proxies listed in ForwardedHeaders:KnownProxies (the security log and sessions record the IP).
        var proxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        });

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        if (app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => !IsApi(context), pages => pages.UseExceptionHandler("/Error"));
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
        }

        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseHttpLogging();
        // People get the friendly error page; programs calling the API get RFC 7807 problem details instead.
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization, so the API's per-token limiter sees the token's principal.
        app.UseRateLimiter();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/Settings/Profile")).ExcludeFromDescription();
        app.MapGet("/Settings", () => Results.Redirect("/Settings/Profile")).ExcludeFromDescription();
        app.MapRazorPages();
        app.MapOrganizationLogo();
        app.MapAvatars();
        app.MapPortalApi();
        app.MapPortalHealth();
        return app;
    }
}
