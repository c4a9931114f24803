namespace ProfilePortal.Web.Features.Profile;

public static class ProfileSetup
{
    public static WebApplicationBuilder AddProfileFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TimeZoneCatalog>();
        builder.Services.AddSingleton<TimeDisplay>();
        builder.Services.AddScoped<ProfileService>();
        return builder;
    }
}
