using System.Runtime.InteropServices;

namespace ProfilePortal.Imaging.Libvips;

/// <summary>
/// A reference to a <c>VipsImage</c>. Images are lazy: most are recipes that decode only when
/// pixels are pulled (by <see cref="CopyToMemory"/>, a saver or <see cref="WriteToMemory"/>), so
/// decode errors can surface there rather than where the image was created.
/// </summary>
internal sealed class VipsImage : IDisposable
{
    /// <summary><c>VIPS_FORMAT_UCHAR</c>.</summary>
    public const int FormatUChar = 0;

    /// <summary><c>VIPS_INTERPRETATION_B_W</c>.</summary>
    public const int InterpretationBlackAndWhite = 1;

    /// <summary><c>VIPS_INTERPRETATION_CMYK</c>.</summary>
    public const int InterpretationCmyk = 15;

    /// <summary><c>VIPS_INTERPRETATION_sRGB</c>.</summary>
    public const int InterpretationSrgb = 22;

    private readonly GObjectHandle _handle;

    /// <summary>Takes ownership of one reference to <paramref name="pointer"/>.</summary>
    public VipsImage(nint pointer) => _handle = new GObjectHandle(pointer);

    public int Width => Use(NativeMethods.vips_image_get_width);

    public int Height => Use(NativeMethods.vips_image_get_height);

    public int Bands => Use(NativeMethods.vips_image_get_bands);

    public int Format => Use(NativeMethods.vips_image_get_format);

    public int Interpretation => Use(NativeMethods.vips_image_get_interpretation);

    public bool HasAlpha => Use(NativeMethods.vips_image_hasalpha) != 0;

    /// <summary>Builds a uchar image from interleaved pixels (copied: the span need not outlive the call).</summary>
    public static unsafe VipsImage FromPixels(ReadOnlySpan<byte> pixels, int width, int height, int bands)
    {
        if ((long)width * height * bands != pixels.Length)
        {
            throw new ArgumentException("Pixel buffer size does not match width × height × bands.", nameof(pixels));
        }

        VipsRuntime.EnsureStarted();
        fixed (byte* data = pixels)
        {
            var image = NativeMethods.vips_image_new_from_memory_copy(data, (nuint)pixels.Length, width, height, bands, FormatUChar);
            return image == 0 ? throw VipsRuntime.TakeError("vips_image_new_from_memory_copy") : new VipsImage(image);
        }
    }

    public bool HasField(string field) => Use(image => NativeMethods.vips_image_get_typeof(image, field)) != 0;

    public int? GetInt(string field) =>
        Use(image =>
        {
            if (NativeMethods.vips_image_get_typeof(image, field) == 0)
            {
                return (int?)null;
            }

            if (NativeMethods.vips_image_get_int(image, field, out var value) != 0)
            {
                NativeMethods.vips_error_clear();
                return null;
            }

            return value;
        });

    /// <summary>Sets an int metadata field. Only for images no one else holds (a fresh copy).</summary>
    public void SetInt(string field, int value) =>
        Use(image =>
        {
            NativeMethods.vips_image_set_int(image, field, value);
            return 0;
        });

    /// <summary>Names of every metadata field, including the basic header ones.</summary>
    public IReadOnlyList<string> GetFields() =>
        Use(image =>
        {
            var list = new List<string>();
            var array = NativeMethods.vips_image_get_fields(image);
            if (array == 0)
            {
                return (IReadOnlyList<string>)list;
            }

            try
            {
                for (var i = 0; ; i++)
                {
                    var item = Marshal.ReadIntPtr(array, i * IntPtr.Size);
                    if (item == 0)
                    {
                        break;
                    }

                    list.Add(Marshal.PtrToStringUTF8(item)!);
                }
            }
            finally
            {
                NativeMethods.g_strfreev(array);
            }

            return list;
        });

    /// <summary>Removes a metadata field. Only for images no one else holds (a fresh copy).</summary>
    public bool RemoveField(string field) => Use(image => NativeMethods.vips_image_remove(image, field)) != 0;

    /// <summary>Computes every pixel into a memory buffer. Decode errors of lazy inputs surface here.</summary>
    public VipsImage CopyToMemory() =>
        Use(image =>
        {
            var copy = NativeMethods.vips_image_copy_memory(image);
            return copy == 0 ? throw VipsRuntime.TakeError("vips_image_copy_memory") : new VipsImage(copy);
        });

    /// <summary>Returns the interleaved pixels (band format as the image has it).</summary>
    public byte[] WriteToMemory() =>
        Use(image =>
        {
            var data = NativeMethods.vips_image_write_to_memory(image, out var size);
            if (data == 0)
            {
                throw VipsRuntime.TakeError("vips_image_write_to_memory");
            }

            try
            {
                var bytes = new byte[checked((int)size)];
                Marshal.Copy(data, bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                NativeMethods.g_free(data);
            }
        });

    /// <summary>Runs <paramref name="call"/> with the raw pointer, keeping the handle alive meanwhile.</summary>
    internal T Use<T>(Func<nint, T> call)
    {
        var ok = false;
        try
        {
            _handle.DangerousAddRef(ref ok);
            return call(_handle.DangerousGetHandle());
        }
        finally
        {
            if (ok)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
