using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Security;

public static class SecuritySetup
{
    public static WebApplicationBuilder AddSecurityFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PasswordPolicyOptions>().Bind(builder.Configuration.GetSection(PasswordPolicyOptions.Section))
            .Validate(o => o.MinimumLength >= 1 && o.MaximumLength >= o.MinimumLength, "PasswordPolicy: MinimumLength must be at least 1 and not above MaximumLength.")
            .ValidateOnStart();
        builder.Services.AddOptions<AccountRecoveryOptions>().Bind(builder.Configuration.GetSection(AccountRecoveryOptions.Section));
        builder.Services.AddSingleton<PasswordRules>();
        // The configurable policy replaces Identity's fixed rules, for changes and resets alike.
        builder.Services.RemoveAll<IPasswordValidator<AppUser>>();
        builder.Services.AddScoped<IPasswordValidator<AppUser>, PolicyPasswordValidator>();
        builder.Services.AddScoped<CurrentPasswordCheck>();
        builder.Services.AddScoped<PasswordChangeService>();
        return builder;
    }
}
