namespace ProfilePortal.Imaging;

/// <summary>The upload formats accepted.</summary>
public enum SourceImageFormat
{
    Jpeg = 1,
    Png,
    WebP,
    Gif,
}

/// <summary>Recognises the accepted formats from their first bytes, ignoring whatever the file is called.</summary>
public static class ImageFormatSniffer
{
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format the content is, or null when it is none of JPEG, PNG, WebP, GIF.</summary>
    public static SourceImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(JpegMagic))
        {
            return SourceImageFormat.Jpeg;
        }

        if (content.StartsWith(PngMagic))
        {
            return SourceImageFormat.Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return SourceImageFormat.Gif;
        }

        // RIFF <4-byte length> WEBP
        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return SourceImageFormat.WebP;
        }

        return null;
    }
}
