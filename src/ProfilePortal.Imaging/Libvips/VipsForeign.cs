using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>libvips' own format detection, used as a second opinion after our magic-byte sniffing.</summary>
internal static class VipsForeign
{
    /// <summary>
    /// The buffer loader libvips picks for <paramref name="data"/> (e.g. <c>VipsForeignLoadJpegBuffer</c>),
    /// or null when none of the loaders left enabled recognises it.
    /// </summary>
    public static unsafe string? FindLoader(ReadOnlySpan<byte> data)
    {
        VipsRuntime.EnsureStarted();
        fixed (byte* pointer = data)
        {
            var name = NativeMethods.vips_foreign_find_load_buffer(pointer, (nuint)data.Length);
            if (name == 0)
            {
                // "not a known format" is not an error worth keeping in the shared buffer.
                NativeMethods.vips_error_clear();
                return null;
            }

            return Marshal.PtrToStringUTF8(name);
        }
    }

    /// <summary>The buffer saver for a suffix such as <c>".webp"</c>.</summary>
    public static string FindSaver(string suffix)
    {
        VipsRuntime.EnsureStarted();
        var name = NativeMethods.vips_foreign_find_save_buffer(suffix);
        return name == 0 ? throw VipsRuntime.TakeError($"vips_foreign_find_save_buffer({suffix})") : Marshal.PtrToStringUTF8(name)!;
    }
}
