using System.Diagnostics;
using System.Security.Claims;
using Serilog;

namespace ProfilePortal.Web.Features.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog behind Microsoft.Extensions.Logging: sinks, levels and enrichers from the "Serilog" section, read from the
    /// final configuration (tests and environment variables included). Each host builds its own logger and disposes
    /// (flushes) it on shutdown; the static <see cref="Log.Logger"/> is left alone, so several hosts in one process
    /// (tests) never share or close each other's logger.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // writeToProviders: ILoggerProviders registered in the container (none in the app; tests add FakeLogger) get
        // every event Serilog lets through, the request event included, after the same level filters as the sinks.
        // The sinks' assemblies are named: otherwise Serilog scans every dll beside the app for "serilog" in its name,
        // which loads System.Reflection.Metadata and reads 200 files at every start (about 2 MB of a node's memory).
        var sinkAssemblies = new Serilog.Settings.Configuration.ConfigurationReaderOptions(
            typeof(ConsoleLoggerConfigurationExtensions).Assembly,
            typeof(FileLoggerConfigurationExtensions).Assembly,
            typeof(BackgroundSink).Assembly);
        builder.Services.AddSerilog(
            (services, logger) => logger.ReadFrom.Configuration(services.GetRequiredService<IConfiguration>(), sinkAssemblies),
            preserveStaticLogger: true,
            writeToProviders: true);
        return builder;
    }

    /// <summary>
    /// One event per request: method, path (never the query string: it can carry reset codes), status, elapsed time,
    /// the signed-in person's id and the trace id. Placed first so it times and sees the final status of everything,
    /// error pages included.
    /// </summary>
    public static WebApplication UsePortalRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger; the middleware would otherwise write to the static Log.Logger.
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.IncludeQueryInRequestPath = false;
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier);
                if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId) diagnostics.Set("UserId", userId);
            };
        });
        return app;
    }
}
