using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Small images made in the test, so no fixture files are needed: RGB PNGs from a colour function.</summary>
public static class TestImages
{
    /// <summary>A valid 1 × 1 8-bit greyscale baseline TIFF (little-endian, uncompressed): a format libvips reads but the portal refuses.</summary>
    public static byte[] GreyTiff()
    {
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 3, 1), (257, 3, 1), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 110), (278, 3, 1), (279, 4, 1),
        ];
        var tiff = new byte[111];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + (i * 12);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), entries[i].Value);
        }

        // Next IFD offset (0) at 106..109; the one pixel at 110.
        tiff[110] = 0x80;
        return tiff;
    }

    public static byte[] Png(int width, int height, Func<int, int, (byte R, byte G, byte B)> color)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // no filter
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = color(x, y);
                raw.WriteByte(r);
                raw.WriteByte(g);
                raw.WriteByte(b);
            }
        }

        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) raw.WriteTo(z);

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] SolidPng(int width, int height, (byte, byte, byte) color) => Png(width, height, (_, _) => color);

    /// <summary>True for a RIFF/WEBP container.</summary>
    public static bool IsWebP(byte[] data)
        => data.Length > 12 && Encoding.ASCII.GetString(data, 0, 4) == "RIFF" && Encoding.ASCII.GetString(data, 8, 4) == "WEBP";

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        var crc = Crc32.HashToUInt32(typeBytes.Concat(data).ToArray());
        BinaryPrimitives.WriteUInt32BigEndian(length, crc);
        stream.Write(length);
    }
}
