namespace ProfilePortal.Imaging;

/// <summary>
/// Turns an uploaded file into square WebP avatars (or one whole WebP image), or refuses it with a reason. Implementations
/// must be safe to call from many threads at once.
/// </summary>
public interface IAvatarImageProcessor
{
    /// <summary>
    /// Validates, decodes, auto-rotates, crops, resizes and re-encodes <paramref name="input"/>.
    /// </summary>
    /// <param name="input">The uploaded bytes, whatever their file name claims.</param>
    /// <param name="crop">The square to keep, in pixels of the upright (EXIF-rotated) image; null for the centre square.</param>
    /// <param name="sizes">Output edge lengths in pixels; null for <see cref="AvatarProcessingOptions.DefaultSizes"/>.</param>
    AvatarProcessingResult Process(ReadOnlySpan<byte> input, CropRegion? crop = null, IReadOnlyList<int>? sizes = null);

    /// <summary>
    /// Re-encodes <paramref name="input"/> whole (e.g. the avatar creator's full-body render) as one WebP, upright,
    /// aspect kept, scaled down so that its longer side is at most <paramref name="maxSide"/> (never up), with the
    /// same checks, limits and failure reasons as <see cref="Process"/>.
    /// </summary>
    AvatarProcessingResult ProcessWhole(ReadOnlySpan<byte> input, int maxSide);

    /// <summary>Whether the engine can run in this process, and which version it is (for health checks).</summary>
    ImagingEngineStatus GetStatus();
}
