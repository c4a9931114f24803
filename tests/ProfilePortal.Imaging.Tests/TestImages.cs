using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;
using NetVips;

namespace ProfilePortal.Imaging.Tests;

/// <summary>An 8-bit RGB colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static readonly Rgb Red = new(255, 0, 0);
    public static readonly Rgb Green = new(0, 255, 0);
    public static readonly Rgb Blue = new(0, 0, 255);
    public static readonly Rgb Yellow = new(255, 255, 0);
    public static readonly Rgb Black = new(0, 0, 0);

    public override string ToString() => $"({R}, {G}, {B})";
}

/// <summary>Decoded pixels of an output image.</summary>
internal sealed record DecodedImage(int Width, int Height, int Bands, byte[] Pixels)
{
    public Rgb ColourAt(int x, int y)
    {
        var i = ((y * Width) + x) * Bands;
        return Bands >= 3 ? new Rgb(Pixels[i], Pixels[i + 1], Pixels[i + 2]) : new Rgb(Pixels[i], Pixels[i], Pixels[i]);
    }

    public byte AlphaAt(int x, int y) => Bands is 2 or 4 ? Pixels[(((y * Width) + x) * Bands) + Bands - 1] : (byte)255;
}

/// <summary>Builds test inputs with libvips through NetVips, plus a few hand-made byte streams.</summary>
internal static class TestImages
{
    /// <summary>A width × height RGB image whose pixel colours come from <paramref name="colourAt"/>.</summary>
    public static byte[] Rgb(int width, int height, Func<int, int, Rgb> colourAt, string saver, string? options = null)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var c = colourAt(x, y);
                var i = ((y * width) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (c.R, c.G, c.B);
            }
        }

        using var image = FromPixels(pixels, width, height, 3);
        return Save(image, saver, options);
    }

    /// <summary>A solid sRGB colour converted to <paramref name="profile"/> numbers, saved as JPEG with that profile embedded.</summary>
    public static byte[] WithProfile(int width, int height, Rgb colour, string profile)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (colour.R, colour.G, colour.B);
        }

        using var srgb = FromPixels(pixels, width, height, 3);
        using var converted = srgb.IccTransform(profile, inputProfile: "srgb", embedded: false);
        return Save(converted, "jpegsave_buffer", "Q=100");
    }

    /// <summary>Four quadrants: top-left red, top-right green, bottom-left blue, bottom-right yellow.</summary>
    public static Rgb QuadrantColour(int x, int y, int width, int height) =>
        (x < width / 2, y < height / 2) switch
        {
            (true, true) => Tests.Rgb.Red,
            (false, true) => Tests.Rgb.Green,
            (true, false) => Tests.Rgb.Blue,
            _ => Tests.Rgb.Yellow,
        };

    public static byte[] Quadrants(int width, int height, string saver, string? options = null) =>
        Rgb(width, height, (x, y) => QuadrantColour(x, y, width, height), saver, options);

    /// <summary>Noise, which JPEG cannot compress well: its scan data is most of the file.</summary>
    public static byte[] NoiseJpeg(int width, int height, int seed = 1)
    {
        var random = new Random(seed);
        return Rgb(width, height, (_, _) => new Rgb((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)), "jpegsave_buffer");
    }

    /// <summary>An 8-bit image from interleaved pixels (copied).</summary>
    public static Image FromPixels(byte[] pixels, int width, int height, int bands)
    {
        VipsRuntime.EnsureStarted();
        return Image.NewFromMemoryCopy<byte>(pixels, width, height, bands, Enums.BandFormat.Uchar);
    }

    /// <summary>Saves with a buffer saver such as <c>"jpegsave_buffer"</c> and libvips option text such as <c>"Q=95"</c>.</summary>
    public static byte[] Save(Image image, string saver, string? options = null)
    {
        var suffix = saver switch
        {
            "jpegsave_buffer" => ".jpg",
            "pngsave_buffer" => ".png",
            "webpsave_buffer" => ".webp",
            "gifsave_buffer" => ".gif",
            "tiffsave_buffer" => ".tif",
            _ => throw new ArgumentOutOfRangeException(nameof(saver), saver, "No suffix known for this saver."),
        };
        return image.WriteToBuffer(options is null ? suffix : $"{suffix}[{options}]");
    }

    /// <summary>RGBA pixels: left half fully transparent, right half opaque red.</summary>
    public static byte[] HalfTransparentPng(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = width / 2; x < width; x++)
            {
                var i = ((y * width) + x) * 4;
                (pixels[i], pixels[i + 3]) = (255, 255);
            }
        }

        using var image = FromPixels(pixels, width, height, 4);
        return Save(image, "pngsave_buffer");
    }

    /// <summary>An animated GIF: frame 1 solid <paramref name="first"/>, frame 2 solid <paramref name="second"/>.</summary>
    public static byte[] TwoFrameGif(int size, Rgb first, Rgb second)
    {
        // RGB, not RGBA: libvips 8.14.1's gifsave garbled the colours of multi-frame RGBA input.
        var pixels = new byte[size * size * 2 * 3];
        for (var y = 0; y < size * 2; y++)
        {
            var c = y < size ? first : second;
            for (var x = 0; x < size; x++)
            {
                var i = ((y * size) + x) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (c.R, c.G, c.B);
            }
        }

        using var stacked = FromPixels(pixels, size, size * 2, 3);
        using var image = stacked.Mutate(mutable => mutable.Set(GValue.GIntType, "page-height", size));
        return Save(image, "gifsave_buffer");
    }

    /// <summary>Decodes a WebP (or any allowed format) to raw pixels; <paramref name="allPages"/> stacks every frame.</summary>
    public static DecodedImage Decode(byte[] encoded, bool allPages = false)
    {
        var loader = LibvipsAvatarImageProcessor.FindLoader(encoded) ?? throw new InvalidOperationException("Not a decodable image.");
        var options = allPages ? new VOption { { "n", -1 } } : new VOption();
        using var image = (Image)Operation.Call(loader, options, encoded);
        return new DecodedImage(image.Width, image.Height, image.Bands, image.WriteToMemory<byte>());
    }

    /// <summary>
    /// Inserts an EXIF APP1 segment (Orientation plus a GPS position) and an XMP APP1 segment
    /// (with a GPS position) right after the JPEG's SOI marker.
    /// </summary>
    public static byte[] WithExifAndXmp(byte[] jpeg, int orientation)
    {
        var exif = new List<byte>("Exif\0\0"u8.ToArray());
        var tiff = new byte[92];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        // IFD0 at 8: Orientation (SHORT) and the GPS IFD pointer (LONG), then next-IFD = 0.
        WriteIfdEntries(tiff, 8, [(0x0112, 3, 1, (uint)orientation << 16), (0x8825, 4, 1, 38)]);
        // GPS IFD at 38: GPSLatitudeRef "N", GPSLatitude 3 rationals at 68.
        WriteIfdEntries(tiff, 38, [(0x0001, 2, 2, (uint)'N' << 24), (0x0002, 5, 3, 68)]);
        uint[] latitude = [52, 1, 31, 1, 7, 1];
        for (var i = 0; i < latitude.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(68 + (i * 4)), latitude[i]);
        }

        exif.AddRange(tiff);

        var xmp = new List<byte>(Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0"));
        xmp.AddRange(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"52,31.1N\"/>"
            + "</rdf:RDF></x:xmpmeta>"));

        var output = new List<byte>(jpeg.Length + 512) { jpeg[0], jpeg[1] };
        AddSegment(output, 0xE1, exif);
        AddSegment(output, 0xE1, xmp);
        output.AddRange(jpeg.AsSpan(2).ToArray());
        return [.. output];
    }

    /// <summary>
    /// A PNG whose header claims <paramref name="width"/> × <paramref name="height"/> but whose
    /// data holds a single row: what a decompression bomb looks like before it is inflated.
    /// </summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        WriteChunk(stream, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[width + 1]);
            }

            WriteChunk(stream, "IDAT", compressed.ToArray());
        }

        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>The RIFF chunk ids of a WebP file, in order.</summary>
    public static IReadOnlyList<string> WebPChunks(byte[] webp)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(webp, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(webp, 8, 4));
        var chunks = new List<string>();
        var offset = 12;
        while (offset + 8 <= webp.Length)
        {
            chunks.Add(Encoding.ASCII.GetString(webp, offset, 4));
            var size = BinaryPrimitives.ReadInt32LittleEndian(webp.AsSpan(offset + 4));
            offset += 8 + size + (size & 1);
        }

        return chunks;
    }

    private static void WriteIfdEntries(byte[] tiff, int offset, (ushort Tag, ushort Type, uint Count, uint Value)[] entries)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(offset), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = offset + 2 + (i * 12);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 4), entries[i].Count);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 8), entries[i].Value);
        }

        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(offset + 2 + (entries.Length * 12)), 0);
    }

    private static void AddSegment(List<byte> output, byte marker, List<byte> payload)
    {
        var length = payload.Count + 2;
        output.AddRange([0xFF, marker, (byte)(length >> 8), (byte)length]);
        output.AddRange(payload);
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        stream.Write(crc);
    }
}
