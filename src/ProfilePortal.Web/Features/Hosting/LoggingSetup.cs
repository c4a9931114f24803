using Serilog;
using Serilog.Extensions.Logging;

namespace ProfilePortal.Web.Features.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog (sinks from the "Serilog" section) behind Microsoft.Extensions.Logging. Levels are filtered by
    /// "Logging:LogLevel", which applies to every provider: Microsoft.AspNetCore stays at Warning because its
    /// Information events print full URLs, and URLs can carry reset codes.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Built from the final configuration (tests and environment variables included), once, by the container.
        builder.Services.AddSingleton<ILoggerProvider>(sp =>
        {
            var logger = new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
                .CreateLogger();
            return new SerilogLoggerProvider(logger, dispose: true);
        });
        return builder;
    }
}
