namespace ProfilePortal.Web.Features.SecurityLog;

public static class SecurityLogSetup
{
    public static WebApplicationBuilder AddSecurityLogFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SecurityLogService>();
        builder.Services.AddScoped<SecurityEventText>();
        builder.Services.AddScoped<Sessions.DeviceDescription>();
        return builder;
    }
}
