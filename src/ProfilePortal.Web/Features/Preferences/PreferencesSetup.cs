namespace ProfilePortal.Web.Features.Preferences;

public static class PreferencesSetup
{
    public static WebApplicationBuilder AddPreferencesFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PreferencesService>();
        return builder;
    }
}
