using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Api;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Organizations;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Web.Features.Hosting;

public static class WebSetup
{
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<PortalOptions>()
            .Bind(builder.Configuration.GetSection(PortalOptions.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !environment.IsProduction())
                    o.PublicBaseUrl = PortalOptions.DevelopmentFallback;
            })
            .Validate(o => o.PublicBaseUri is not null,
                "Portal:PublicBaseUrl must be the absolute http or https address people reach the portal at, without query " +
                "(e.g. https://accounts.example.com): links in emails are built from it. It is required in Production.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicLinks>();

        // Views write every script as it is (only markup characters are encoded): by default each character outside
        // Basic Latin becomes an 8-byte character reference, which made a Japanese or Arabic page several times larger.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // Only requests naming the public host (plus any AllowedHosts listed, e.g. a node's own name for health
        // checks) are served; anything else is refused with 400 before it reaches a page.
        builder.Services.AddOptions<HostFilteringOptions>().Configure<IOptions<PortalOptions>, IConfiguration>((filtering, portal, configuration) =>
        {
            var hosts = (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (portal.Value.PublicBaseUri is { } origin) hosts.Add(origin.IdnHost);
            filtering.AllowedHosts = hosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        });
        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<PortalOptions>>((redirection, portal) =>
        {
            if (portal.Value.IsHttps) redirection.HttpsPort = portal.Value.PublicBaseUri!.Port;
        });
        // Nothing tells an attacker which server software answers.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        builder.Services
            .AddRazorPages()
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>().Configure<IOptions<PortalOptions>>((antiforgery, portal)
            => PortalCookies.Apply(antiforgery.Cookie, "ProfilePortal.Antiforgery", portal.Value));
        builder.Services.AddOptions<CookieTempDataProviderOptions>().Configure<IOptions<PortalOptions>>((tempData, portal)
            => PortalCookies.Apply(tempData.Cookie, "ProfilePortal.TempData", portal.Value));

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

        app.UsePortalRequestLogging();

        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(IsPage, pages => pages.UseExceptionHandler("/Error"));
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
            app.UseWhen(ProvisioningSetup.IsScim, scim => scim.UseScimExceptionHandler());
        }

        // An https public address means the portal is only ever used over TLS: browsers are told to keep to it.
        if (app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.IsHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // People get the friendly error page; programs calling the API get RFC 7807 problem details instead, and
        // identity providers calling SCIM get SCIM errors.
        app.UseWhen(IsPage, pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(ProvisioningSetup.IsScim, scim => scim.UseScimStatusCodePages());
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = StaticFileCaching.Apply });
        app.UseRouting();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseAuthentication();
        // After authentication: a signed-in person's language is a claim of their session (AccountLanguageCultureProvider).
        app.UseRequestLocalization();
        app.UseAuthorization();
        // After authorization, so the API's per-token limiter sees the token's principal.
        app.UseRateLimiter();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    private static bool IsPage(HttpContext context) => !IsApi(context) && !ProvisioningSetup.IsScim(context);

    public static WebApplication MapPortalEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/Settings/Profile")).ExcludeFromDescription();
        app.MapGet("/Settings", () => Results.Redirect("/Settings/Profile")).ExcludeFromDescription();
        app.MapRazorPages();
        app.MapOrganizationLogo();
        app.MapAvatars();
        app.MapPortalApi();
        app.MapPortalScim();
        app.MapPortalHealth();
        return app;
    }
}
