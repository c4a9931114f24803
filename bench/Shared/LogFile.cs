using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace BenchShared;

internal static class LogFile
{
    /// <summary>
    /// Points the app's rolling JSON log at <paramref name="path"/>. Not UseSetting: through WebApplicationFactory its
    /// values reach the app with every parent section set to "", and Serilog then skips the file sink altogether.
    /// </summary>
    public static void WriteLogTo(IWebHostBuilder builder, string path)
        => builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Serilog:WriteTo:File:Args:configure:File:Args:path"] = path }));
}
