using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>
/// The few libvips, GObject and GLib entry points the binding needs. None of them is a C varargs
/// function: .NET cannot call those portably, so operations are driven through the introspection
/// API (<c>vips_operation_new</c> + GValue properties + <c>vips_cache_operation_build</c>), the
/// way libvips documents for language bindings.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Native names kept as in the C headers.")]
internal static unsafe partial class NativeMethods
{
    internal const string VipsLibrary = "libvips.so.42";
    internal const string GObjectLibrary = "libgobject-2.0.so.0";
    internal const string GLibLibrary = "libglib-2.0.so.0";

    // --- libc: the native environment libvips reads at start-up ----------------------------------

    /// <summary>setenv(3): .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix.</summary>
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);

    // --- libvips: lifetime, version, errors, cache, security -----------------------------------

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_init(string argv0);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_version(int flag);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_error_buffer();

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_error_clear();

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_cache_set_max(int max);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_cache_set_max_mem(nuint maxMem);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_cache_set_max_files(int maxFiles);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_block_untrusted_set(int state);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void vips_operation_block_set(string name, int state);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_leak_set(int leak);

    // --- libvips: operations --------------------------------------------------------------------

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint vips_operation_new(string name);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_object_set_from_string(nint vipsObject, string options);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_cache_operation_build(nint operation);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_object_unref_outputs(nint vipsObject);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_object_get_argument(
        nint vipsObject, string name, out nint paramSpec, out nint argumentClass, out nint argumentInstance);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_enum_from_nick(string domain, nuint enumType, string nick);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_foreign_find_load_buffer(byte* data, nuint size);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint vips_foreign_find_save_buffer(string suffix);

    // --- libvips: blobs (VipsArea) --------------------------------------------------------------

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_blob_copy(byte* data, nuint length);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_blob_get(nint blob, out nuint length);

    [LibraryImport(VipsLibrary)]
    internal static partial void vips_area_unref(nint area);

    [LibraryImport(VipsLibrary)]
    internal static partial nuint vips_blob_get_type();

    // --- libvips: images ------------------------------------------------------------------------

    [LibraryImport(VipsLibrary)]
    internal static partial nuint vips_image_get_type();

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_get_width(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_get_height(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_get_bands(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_get_format(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_get_interpretation(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial int vips_image_hasalpha(nint image);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nuint vips_image_get_typeof(nint image, string name);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_get_int(nint image, string name, out int value);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void vips_image_set_int(nint image, string name, int value);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_image_get_fields(nint image);

    [LibraryImport(VipsLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vips_image_remove(nint image, string name);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_image_copy_memory(nint image);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_image_new_from_memory_copy(
        byte* data, nuint size, int width, int height, int bands, int format);

    [LibraryImport(VipsLibrary)]
    internal static partial nint vips_image_write_to_memory(nint image, out nuint size);

    // --- GObject --------------------------------------------------------------------------------

    [LibraryImport(GObjectLibrary)]
    internal static partial nint g_object_ref(nint gobject);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_object_unref(nint gobject);

    [LibraryImport(GObjectLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_set_property(nint gobject, string name, GValue* value);

    [LibraryImport(GObjectLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_object_get_property(nint gobject, string name, GValue* value);

    [LibraryImport(GObjectLibrary)]
    internal static partial nuint g_type_fundamental(nuint type);

    [LibraryImport(GObjectLibrary)]
    internal static partial GValue* g_value_init(GValue* value, nuint type);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_unset(GValue* value);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_boolean(GValue* value, int boolean);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_int(GValue* value, int number);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_double(GValue* value, double number);

    [LibraryImport(GObjectLibrary, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void g_value_set_string(GValue* value, string text);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_enum(GValue* value, int number);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_object(GValue* value, nint gobject);

    [LibraryImport(GObjectLibrary)]
    internal static partial void g_value_set_boxed(GValue* value, nint boxed);

    [LibraryImport(GObjectLibrary)]
    internal static partial nint g_value_get_object(GValue* value);

    [LibraryImport(GObjectLibrary)]
    internal static partial nint g_value_get_boxed(GValue* value);

    // --- GLib -----------------------------------------------------------------------------------

    [LibraryImport(GLibLibrary)]
    internal static partial void g_free(nint memory);

    [LibraryImport(GLibLibrary)]
    internal static partial void g_strfreev(nint stringArray);
}

/// <summary>A GLib <c>GValue</c>: the type id and two 8-byte data words (24 bytes on 64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GValue
{
    public nuint Type;
    public long Data0;
    public long Data1;
}

/// <summary>Fundamental GType ids (<c>G_TYPE_MAKE_FUNDAMENTAL(n)</c> is <c>n &lt;&lt; 2</c>).</summary>
internal static class GType
{
    public const nuint Boolean = 5 << 2;
    public const nuint Int = 6 << 2;
    public const nuint Enum = 12 << 2;
    public const nuint Flags = 13 << 2;
    public const nuint Double = 15 << 2;
    public const nuint String = 16 << 2;
    public const nuint Boxed = 18 << 2;
    public const nuint Object = 20 << 2;
}
