using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfilePortal.Imaging;

namespace ProfilePortal.Web.Features.Avatars;

public static class AvatarsSetup
{
    public static WebApplicationBuilder AddAvatarsFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IAvatarImageProcessor>(_ => new LibvipsAvatarImageProcessor());
        builder.Services.AddSingleton<AvatarProcessingGate>();
        builder.Services.AddScoped<AvatarService>();
        builder.Services.AddHealthChecks().AddCheck<ImagingHealthCheck>("imaging");
        return builder;
    }
}

/// <summary>/healthz reports whether libvips loaded, with its version.</summary>
public sealed class ImagingHealthCheck(IAvatarImageProcessor processor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = processor.GetStatus();
        var data = new Dictionary<string, object> { ["engine"] = status.Engine, ["version"] = status.Version ?? "" };
        return Task.FromResult(status.Available
            ? HealthCheckResult.Healthy($"{status.Engine} {status.Version} loaded.", data)
            : HealthCheckResult.Unhealthy($"{status.Engine} is not available: {status.Error}", data: data));
    }
}
