namespace ProfilePortal.Imaging;

/// <summary>Limits and output settings of the avatar pipeline.</summary>
public sealed record AvatarProcessingOptions
{
    /// <summary>5 MB: the largest upload accepted.</summary>
    public const int DefaultMaxBytes = 5 * 1024 * 1024;

    /// <summary>50 megapixels: above this the header alone refuses the file (decompression bombs).</summary>
    public const long DefaultMaxPixels = 50_000_000;

    public static IReadOnlyList<int> DefaultSizes { get; } = [512, 128];

    public int MaxBytes { get; init; } = DefaultMaxBytes;

    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>Sizes produced when the caller names none.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = DefaultSizes;

    /// <summary>Largest output edge a caller may ask for.</summary>
    public int MaxOutputSize { get; init; } = 2048;

    /// <summary>WebP quality, 1–100.</summary>
    public int WebPQuality { get; init; } = 82;
}
