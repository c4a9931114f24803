namespace ProfilePortal.Web.Features.Seeding;

public static class SeedingSetup
{
    public static WebApplicationBuilder AddPortalSeeding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection(SeedOptions.Section));
        builder.Services.AddScoped<DatabaseSeeder>();
        return builder;
    }
}
