using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProfilePortal.Web.Features.Sessions;

public static class SessionsSetup
{
    public static WebApplicationBuilder AddSessionsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionOptions>().Bind(builder.Configuration.GetSection(SessionOptions.Section));
        builder.Services.AddSingleton<DatabaseTicketStore>();
        builder.Services.AddScoped<SessionService>();
        // A sign-in in a browser that already holds a session ends it and starts a new one (PortalSignInManager).
        builder.Services.AddScoped<RestartableAuthenticationHandlerProvider>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IAuthenticationHandlerProvider>(sp => sp.GetRequiredService<RestartableAuthenticationHandlerProvider>()));
        builder.Services.AddSingleton<ExpiredSessionCleanup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiredSessionCleanup>());

        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore, Microsoft.Extensions.Options.IOptions<SessionOptions>>((cookie, store, sessions) =>
            {
                cookie.SessionStore = store;
                // The server-side session decides how long a sign-in lasts; the cookie may live as long as the longest.
                cookie.ExpireTimeSpan = sessions.Value.AbsoluteLifetime;
                cookie.SlidingExpiration = false;
                // Sessions are revoked by deleting their row, checked on every request. Identity's security-stamp
                // check is replaced so that changing a password leaves other sessions alone unless the person
                // asks to end them (Settings > Security).
                cookie.Events.OnValidatePrincipal = _ => Task.CompletedTask;
            });
        return builder;
    }
}
