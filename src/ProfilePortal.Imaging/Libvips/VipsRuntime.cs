using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>
/// Process-wide libvips start-up: loads the library once, disables the operation cache (an avatar
/// is processed once, and a cache would keep decoded uploads alive) and blocks every loader except
/// JPEG, PNG, WebP and GIF, so that no code path can reach the SVG, PDF, TIFF, HEIF or ImageMagick
/// loaders even when handed such a file directly.
/// </summary>
internal static class VipsRuntime
{
    /// <summary>Loader classes left enabled; blocking a class blocks its file/buffer/source subclasses.</summary>
    internal static readonly IReadOnlyList<string> AllowedLoaderClasses =
        ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif"];

    private static readonly Lazy<VipsStartup> Startup = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static VipsStartup State => Startup.Value;

    /// <summary>Initialises libvips if needed and throws if it cannot be used in this process.</summary>
    internal static void EnsureStarted()
    {
        var state = Startup.Value;
        if (!state.Loaded)
        {
            throw new InvalidOperationException($"libvips is not available: {state.Error}");
        }
    }

    /// <summary>Reads and clears libvips' error buffer, wrapping it with the failing call's name.</summary>
    internal static VipsException TakeError(string operation)
    {
        var text = Marshal.PtrToStringUTF8(NativeMethods.vips_error_buffer())?.Trim();
        NativeMethods.vips_error_clear();
        return new VipsException(string.IsNullOrEmpty(text) ? $"{operation} failed" : $"{operation} failed: {text}");
    }

    private static VipsStartup Start()
    {
        try
        {
            // No optional modules (HEIF, JXL, ImageMagick, OpenSlide, PDF): only built-in loaders are allowed anyway,
            // and vips_init loads modules into the process's global symbol scope. OpenSlide's module brings the
            // system libsqlite3, whose symbols then hijack the SQLite bundled with Microsoft.Data.Sqlite (seen as
            // SIGSEGV in sqlite3_step). libvips looks for modules under $VIPSHOME/lib, so point it where there are none.
            NativeMethods.setenv("VIPSHOME", Path.Combine(AppContext.BaseDirectory, "no-libvips-modules"), 1);

            // libvips uses argv0 to find its install prefix.
            if (NativeMethods.vips_init(Environment.ProcessPath ?? "dotnet") != 0)
            {
                return VipsStartup.Failed(TakeError("vips_init").Message);
            }

            NativeMethods.vips_cache_set_max(0);
            NativeMethods.vips_cache_set_max_mem(0);
            NativeMethods.vips_cache_set_max_files(0);

            NativeMethods.vips_block_untrusted_set(1);
            NativeMethods.vips_operation_block_set("VipsForeignLoad", 1);
            foreach (var loader in AllowedLoaderClasses)
            {
                NativeMethods.vips_operation_block_set(loader, 0);
            }

            var version = $"{NativeMethods.vips_version(0)}.{NativeMethods.vips_version(1)}.{NativeMethods.vips_version(2)}";
            return new VipsStartup(true, version, null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return VipsStartup.Failed(ex.Message);
        }
    }
}

internal sealed record VipsStartup(bool Loaded, string? Version, string? Error)
{
    public static VipsStartup Failed(string error) => new(false, null, error);
}
