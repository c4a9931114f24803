using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Passkeys;

public static class PasskeysSetup
{
    public static WebApplicationBuilder AddPasskeysFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PasskeyOptions>().Bind(builder.Configuration.GetSection(PasskeyOptions.Section));
        // The relying party id comes from configuration, never from the request: a forged Host header must not choose
        // which site's passkeys are accepted.
        builder.Services.AddOptions<IdentityPasskeyOptions>()
            .Configure<IOptions<PasskeyOptions>, IOptions<PortalOptions>>((identity, passkeys, portal) =>
            {
                identity.ServerDomain = string.IsNullOrWhiteSpace(passkeys.Value.ServerDomain)
                    ? portal.Value.PublicBaseUri?.Host
                    : passkeys.Value.ServerDomain.Trim();
                // A passkey is the whole sign-in (it satisfies two-factor), so the authenticator must verify the person.
                identity.UserVerificationRequirement = "required";
                identity.ResidentKeyRequirement = "required";
                identity.ValidateOrigin = IsOwnOrigin;
            });
        builder.Services.AddScoped<PasskeyService>();
        return builder;
    }

    /// <summary>
    /// The page that asked the browser must be this site's, top level: the answer's origin is the request's own
    /// (scheme, host and port; host filtering has limited the host to the public one), never from a frame of another site.
    /// </summary>
    private static ValueTask<bool> IsOwnOrigin(PasskeyOriginValidationContext context)
    {
        var request = context.HttpContext.Request;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, own, StringComparison.OrdinalIgnoreCase));
    }
}
