using NetVips;

namespace ProfilePortal.Imaging;

/// <summary>
/// Process-wide libvips settings, applied once before the first image: the operation cache off (an
/// avatar is processed once, and a cache would keep decoded uploads alive), one worker thread per
/// image, and every loader blocked except JPEG, PNG, WebP and GIF, so that no code path can reach
/// the SVG, PDF, TIFF, HEIF or other loaders bundled in NetVips.Native even when handed such a file.
/// </summary>
internal static class VipsRuntime
{
    /// <summary>Loader classes left enabled; unblocking a class unblocks its file/buffer/source subclasses.</summary>
    internal static readonly IReadOnlyList<string> AllowedLoaderClasses =
        ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif"];

    private static readonly Lazy<VipsStartup> Startup = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static VipsStartup State => Startup.Value;

    /// <summary>Applies the settings if needed and throws if libvips cannot be used in this process.</summary>
    internal static void EnsureStarted()
    {
        var state = Startup.Value;
        if (!state.Loaded)
        {
            throw new InvalidOperationException($"libvips is not available: {state.Error}");
        }
    }

    private static VipsStartup Start()
    {
        try
        {
            // NetVips initialises libvips in its module initializer; a missing or broken native
            // library shows here rather than as an exception.
            if (!ModuleInitializer.VipsInitialized)
            {
                return VipsStartup.Failed(ModuleInitializer.Exception?.Message ?? "libvips did not initialise.");
            }

            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;

            // Requests already run in parallel (the web app's AvatarProcessingGate admits one job per
            // core), so libvips' own per-image worker pool (one thread per core by default) would
            // only oversubscribe the cores. The pipeline is a sequential JPEG decode and a
            // single-threaded WebP encode, which gain little from more workers. VIPS_CONCURRENCY,
            // libvips' own setting, still wins when an operator sets it.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VIPS_CONCURRENCY")))
            {
                NetVips.NetVips.Concurrency = 1;
            }

            NetVips.NetVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var loader in AllowedLoaderClasses)
            {
                Operation.Block(loader, false);
            }

            var version = $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}";
            return new VipsStartup(true, version, null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                       or TypeInitializationException or VipsException)
        {
            return VipsStartup.Failed(ex.Message);
        }
    }
}

internal sealed record VipsStartup(bool Loaded, string? Version, string? Error)
{
    public static VipsStartup Failed(string error) => new(false, null, error);
}
