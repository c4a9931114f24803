using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.TwoFactor;

public static class TwoFactorSetup
{
    public static WebApplicationBuilder AddTwoFactorFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwoFactorOptions>().Bind(builder.Configuration.GetSection(TwoFactorOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !o.Issuer.Contains(':', StringComparison.Ordinal) && o.RememberBrowserFor > TimeSpan.Zero,
                "TwoFactor: Issuer must be set and contain no ':', and RememberBrowserFor must be positive.")
            .ValidateOnStart();
        // "Remember this browser": Identity's remember-me cookie, persistent for the configured time.
        builder.Services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme)
            .Configure<IOptions<TwoFactorOptions>>((cookie, twoFactor) => cookie.ExpireTimeSpan = twoFactor.Value.RememberBrowserFor);
        builder.Services.AddScoped<TwoFactorService>();
        builder.Services.AddScoped<AuthenticatorCodeCheck>();
        builder.Services.AddScoped<TwoFactorRequirementFilter>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.ConfigureFilter(new ServiceFilterAttribute(typeof(TwoFactorRequirementFilter))));
        return builder;
    }
}
