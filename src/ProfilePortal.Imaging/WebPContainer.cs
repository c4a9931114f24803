using System.Buffers.Binary;

namespace ProfilePortal.Imaging;

/// <summary>
/// Removes metadata chunks from a WebP file. libvips 8.14's webpsave writes an EXIF chunk even for
/// an image with no metadata at all (it builds one holding resolution and size), so the encoder's
/// output is cleaned at the container level as the last step.
/// </summary>
internal static class WebPContainer
{
    // VP8X feature flags: ICC profile, EXIF, XMP.
    private const byte IccFlag = 0x20;
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    public static byte[] StripMetadata(byte[] webp)
    {
        if (webp.Length < 12 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8))
        {
            throw new InvalidOperationException("The encoder did not produce a WebP file.");
        }

        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        var offset = 12;
        while (offset + 8 <= webp.Length)
        {
            var id = webp.AsSpan(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(offset + 4));
            var total = 8 + (long)size + (size & 1);
            if (offset + total > webp.Length)
            {
                throw new InvalidOperationException("The encoder produced a truncated WebP chunk.");
            }

            var isMetadata = id.SequenceEqual("EXIF"u8) || id.SequenceEqual("XMP "u8) || id.SequenceEqual("ICCP"u8);
            if (!isMetadata)
            {
                var start = (int)output.Position;
                output.Write(webp, offset, (int)total);
                if (id.SequenceEqual("VP8X"u8) && size >= 1)
                {
                    var buffer = output.GetBuffer();
                    buffer[start + 8] &= unchecked((byte)~(IccFlag | ExifFlag | XmpFlag));
                }
            }

            offset += (int)total;
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
