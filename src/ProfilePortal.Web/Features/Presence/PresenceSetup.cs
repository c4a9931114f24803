namespace ProfilePortal.Web.Features.Presence;

public static class PresenceSetup
{
    public static WebApplicationBuilder AddPresenceFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PresenceService>();
        return builder;
    }
}
