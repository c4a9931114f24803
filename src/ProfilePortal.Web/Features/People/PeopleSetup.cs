namespace ProfilePortal.Web.Features.People;

public static class PeopleSetup
{
    public static WebApplicationBuilder AddPeopleFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PeopleDirectory>();
        return builder;
    }
}
