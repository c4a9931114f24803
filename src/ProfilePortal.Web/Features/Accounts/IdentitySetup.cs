using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Features.Accounts;

public static class IdentitySetup
{
    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<AppUser, AppRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
                options.SignIn.RequireConfirmedAccount = false;
                // SPEC 2.4: five failed attempts lock the account for fifteen minutes.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.Stores.SchemaVersion = IdentityStoreSchema.Version;
                // No options.Password here: SecuritySetup replaces Identity's password validator with the configurable
                // PasswordPolicy, so Identity's password options would never be read.
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<PortalUserManager>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider (wall clock, codes reusable within their window).
            .AddTokenProvider<ReplayRefusingAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // In place of Identity's store: two-factor secrets are not stored in plain text (PortalUserStore).
        builder.Services.AddScoped<PortalUserStore>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserStore<AppUser>>(sp => sp.GetRequiredService<PortalUserStore>()));

        // Reset links are short-lived; they also die when the password changes (the security stamp changes).
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
        });
        // Every Identity cookie follows the portal's cookie rule (__Host- and Secure when the public address is https).
        foreach (var (scheme, name) in new[]
                 {
                     (IdentityConstants.ApplicationScheme, "ProfilePortal.Auth"),
                     (IdentityConstants.ExternalScheme, "ProfilePortal.External"),
                     (IdentityConstants.TwoFactorUserIdScheme, "ProfilePortal.TwoFactor"),
                     (IdentityConstants.TwoFactorRememberMeScheme, "ProfilePortal.TwoFactorRemember"),
                 })
        {
            builder.Services.AddOptions<CookieAuthenticationOptions>(scheme)
                .Configure<IOptions<PortalOptions>>((cookie, portal) => PortalCookies.Apply(cookie.Cookie, name, portal.Value));
        }

        builder.Services.AddPermissionPolicies();
        builder.Services.AddScoped<AccountStatusService>();
        builder.Services.AddScoped<SignInService>();
        builder.Services.AddSingleton<UnknownAccountPasswordHash>();
        builder.Services.AddSingleton<UnusableLoginLockout>();
        return builder;
    }
}
