namespace ProfilePortal.Web.Features.Username;

public static class UsernameSetup
{
    public static WebApplicationBuilder AddUsernameFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UsernameChangeService>();
        return builder;
    }
}
