namespace ProfilePortal.Web.Features.Throttling;

public static class ThrottlingSetup
{
    public static WebApplicationBuilder AddThrottlingFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ThrottlingOptions>().Bind(builder.Configuration.GetSection(ThrottlingOptions.Section))
            .Validate(o => o.AllLimits().All(l => l.PermitLimit >= 1 && l.Window > TimeSpan.Zero) && o.RefusedSignInLogInterval >= TimeSpan.Zero,
                "Throttling: every PermitLimit must be at least 1 and every Window positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AttemptThrottle>();
        return builder;
    }
}
