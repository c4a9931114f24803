using System.Runtime.InteropServices;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// The C library's allocator (glibc's malloc), which SQLite, libvips, ICU and the runtime itself allocate from. glibc keeps
/// memory that was freed in the middle of its heaps for reuse and never gives it back on its own: after start-up and the
/// JIT's first minutes under load a node held 12-20 MB of it (docs/benchmarks.md). The number of arenas glibc keeps
/// cannot be limited from here: the runtime's own threads have created them before Main runs, so scripts/run.sh sets
/// MALLOC_ARENA_MAX. Elsewhere (another C library, another OS) every call here does nothing.
/// </summary>
public static partial class NativeHeap
{
    private const string GlibcLibrary = "libc.so.6";

    /// <summary>Whether the process allocates through glibc, so the calls below take effect.</summary>
    public static bool IsGlibc { get; } = OperatingSystem.IsLinux()
        && NativeLibrary.TryLoad(GlibcLibrary, out var handle)
        && NativeLibrary.TryGetExport(handle, "malloc_trim", out _);

    /// <summary>
    /// Gives the pages of every free block in every arena back to the operating system (they stay usable: the next
    /// allocation there takes a fresh page). Walks the heaps under their locks, so it costs about a millisecond per few
    /// tens of MB; call it from a background thread, not per request. Returns whether any memory was released.
    /// </summary>
    public static bool Trim() => IsGlibc && MallocTrim(0) == 1;

    /// <summary>The process's resident memory (RSS) in bytes, from /proc/self/statm; null where there is none.</summary>
    public static long? ResidentBytes()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    [LibraryImport(GlibcLibrary, EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
