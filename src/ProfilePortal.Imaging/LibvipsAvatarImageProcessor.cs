using NetVips;

namespace ProfilePortal.Imaging;

/// <summary>
/// The avatar pipeline on libvips (through NetVips). Every check that can refuse a file runs before any pixel is
/// decoded: size, magic bytes, libvips' own format detection, then the header's dimensions.
/// Decoding is lazy and streaming (<c>access=sequential</c>), so only the chosen square, reduced
/// to the largest output, is ever held in memory.
/// </summary>
public sealed class LibvipsAvatarImageProcessor(AvatarProcessingOptions? options = null) : IAvatarImageProcessor
{
    private const string NotAnImage = "The file is not a JPEG, PNG, WebP or GIF image.";
    private const string Damaged = "The image could not be read: the file is damaged or incomplete.";

    /// <summary>The libvips loader class family each sniffed format must be handled by.</summary>
    private static readonly Dictionary<SourceImageFormat, string> LoaderFamilies = new()
    {
        [SourceImageFormat.Jpeg] = "VipsForeignLoadJpeg",
        [SourceImageFormat.Png] = "VipsForeignLoadPng",
        [SourceImageFormat.WebP] = "VipsForeignLoadWebp",
        [SourceImageFormat.Gif] = "VipsForeignLoadNsgif",
    };

    private readonly AvatarProcessingOptions _options = options ?? new AvatarProcessingOptions();

    public ImagingEngineStatus GetStatus() => LibvipsInfo.GetStatus();

    public AvatarProcessingResult Process(ReadOnlySpan<byte> input, CropRegion? crop = null, IReadOnlyList<int>? sizes = null)
    {
        sizes = ValidateSizes(sizes ?? _options.Sizes);
        return Run(input, opened =>
        {
            var source = opened.Source;
            var region = crop ?? CropRegion.Centre(source.Width, source.Height);
            if (!region.FitsWithin(source.Width, source.Height))
            {
                return AvatarProcessingResult.Fail(
                    AvatarFailureReason.CropOutOfBounds,
                    $"The chosen square ({region.X}, {region.Y}, {region.Size} px) is not inside the {source.Width}×{source.Height} image.",
                    source);
            }

            return AvatarProcessingResult.Success(Render(opened, region, sizes), source);
        });
    }

    public AvatarProcessingResult ProcessWhole(ReadOnlySpan<byte> input, int maxSide)
    {
        ValidateSizes([maxSide]);
        return Run(input, opened => AvatarProcessingResult.Success([RenderWhole(opened, maxSide)], opened.Source));
    }

    /// <summary>
    /// The checks every upload passes before <paramref name="render"/> sees it: size, magic bytes, the loader libvips
    /// picks, and the header's pixel count; a decode failure inside <paramref name="render"/> becomes Corrupt.
    /// </summary>
    private AvatarProcessingResult Run(ReadOnlySpan<byte> input, Func<OpenedImage, AvatarProcessingResult> render)
    {
        if (input.IsEmpty)
        {
            return AvatarProcessingResult.Fail(AvatarFailureReason.Empty, "The file is empty.");
        }

        if (input.Length > _options.MaxBytes)
        {
            return AvatarProcessingResult.Fail(
                AvatarFailureReason.TooLarge, $"The file is larger than {_options.MaxBytes / (1024.0 * 1024):0.#} MB.");
        }

        // Trust the content, never the file name or the declared content type.
        if (ImageFormatSniffer.Detect(input) is not { } format)
        {
            return AvatarProcessingResult.Fail(AvatarFailureReason.UnsupportedFormat, NotAnImage);
        }

        VipsRuntime.EnsureStarted();

        // Second opinion: the loader libvips itself would pick must be the one for the sniffed format.
        var loader = FindLoader(input);
        if (loader is null || !loader.StartsWith(LoaderFamilies[format], StringComparison.Ordinal))
        {
            return AvatarProcessingResult.Fail(
                AvatarFailureReason.UnsupportedFormat, NotAnImage, diagnostic: $"sniffed {format}, libvips chose {loader ?? "no loader"}");
        }

        // One copy of the upload for every load below: a Source made from a byte[] reads the array
        // in place, while loading from a buffer would copy it into a new libvips blob per load.
        var buffer = input.ToArray();
        SourceImageInfo? source = null;
        try
        {
            // Building only the loader reads the header: dimensions are known, no pixel decoded yet.
            // A Source pins the array only until it is disposed, while libvips reads it lazily:
            // each Source is declared before its image, so that it outlives every read.
            using var headerSource = Source.NewFromMemory(buffer);
            using var header = Load(loader, headerSource, shrink: 1);
            int width = header.Width, height = header.Height;
            var orientation = header.Contains("orientation") && header.Get("orientation") is int o and >= 1 and <= 8 ? o : 1;
            var swapsAxes = orientation >= 5;
            source = new SourceImageInfo(format, swapsAxes ? height : width, swapsAxes ? width : height);

            if ((long)width * height > _options.MaxPixels)
            {
                return AvatarProcessingResult.Fail(
                    AvatarFailureReason.TooManyPixels,
                    $"The image is {(long)width * height / 1e6:0.#} megapixels; at most {_options.MaxPixels / 1e6:0.#} are accepted.",
                    source);
            }

            return render(new OpenedImage(header, loader, buffer, format, orientation, source));
        }
        catch (VipsException ex)
        {
            // libvips reports decode failures (truncated, corrupt data) only by a failed call.
            return AvatarProcessingResult.Fail(AvatarFailureReason.Corrupt, Damaged, source, ex.Message);
        }
    }

    /// <summary>An upload that passed every check: its header (stored orientation), loader, bytes and upright size.</summary>
    private sealed record OpenedImage(Image Header, string Loader, byte[] Buffer, SourceImageFormat Format, int Orientation, SourceImageInfo Source);

    /// <summary>
    /// The buffer loader libvips picks for <paramref name="data"/> (e.g. <c>VipsForeignLoadJpegBuffer</c>),
    /// or null when none of the loaders left enabled recognises it.
    /// </summary>
    internal static string? FindLoader(ReadOnlySpan<byte> data)
    {
        VipsRuntime.EnsureStarted();
        try
        {
            return Image.FindLoadBuffer(data);
        }
        catch (VipsException)
        {
            // NetVips may report "not a known format" as an exception rather than null.
            return null;
        }
    }

    private List<AvatarImage> Render(OpenedImage opened, CropRegion region, IReadOnlyList<int> sizes)
    {
        var header = opened.Header;
        int width = header.Width, height = header.Height;
        var largest = sizes.Max();

        // Work in stored (un-rotated) pixels so decoding stays a top-to-bottom stream; rotate
        // only the small result.
        var (storedLeft, storedTop) = ToStored(region, opened.Orientation, width, height);

        var shrink = JpegShrink(opened.Format, region.Size, largest);
        using var shrunkSource = shrink > 1 ? Source.NewFromMemory(opened.Buffer) : null;
        using var shrunk = shrunkSource is null ? null : Load(opened.Loader, shrunkSource, shrink);
        var decoded = shrunk ?? header;
        double scaleX = (double)decoded.Width / width, scaleY = (double)decoded.Height / height;
        var left = Math.Min((int)Math.Floor(storedLeft * scaleX), decoded.Width - 1);
        var top = Math.Min((int)Math.Floor(storedTop * scaleY), decoded.Height - 1);
        var side = Math.Max(1, (int)Math.Round(region.Size * Math.Min(scaleX, scaleY)));
        side = Math.Min(side, Math.Min(decoded.Width - left, decoded.Height - top));

        using var cropped = decoded.ExtractArea(left, top, side, side);

        // Drop metadata now, not only at the end: later steps must not act on it either (e.g.
        // a GIF's "n-pages" makes thumbnail treat the one frame as a strip of frames, and an
        // "orientation" would make it rotate). The ICC profile stays so that thumbnail can convert to sRGB.
        using var square = WithoutMetadata(cropped, keep: "icc-profile-data");

        // Pixels are decoded here: a truncated or corrupt file fails in this call.
        using var resized = Resize(square, largest, largest);
        using var inMemory = resized.CopyMemory();
        using var upright = Orient(inMemory, opened.Orientation);

        var bySize = new Dictionary<int, AvatarImage>();
        foreach (var size in sizes)
        {
            if (size == largest)
            {
                bySize[size] = new AvatarImage(size, size, EncodeWebP(upright));
            }
            else
            {
                using var smaller = Resize(upright, size, size);
                bySize[size] = new AvatarImage(size, size, EncodeWebP(smaller));
            }
        }

        return sizes.Select(s => bySize[s]).ToList();
    }

    /// <summary>The whole upright image, scaled down (never up) so that its longer side is at most <paramref name="maxSide"/>.</summary>
    private AvatarImage RenderWhole(OpenedImage opened, int maxSide)
    {
        var header = opened.Header;
        int width = header.Width, height = header.Height;
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        int targetWidth = Math.Max(1, (int)Math.Round(width * scale)), targetHeight = Math.Max(1, (int)Math.Round(height * scale));

        var shrink = JpegShrink(opened.Format, Math.Max(width, height), Math.Max(targetWidth, targetHeight));
        using var shrunkSource = shrink > 1 ? Source.NewFromMemory(opened.Buffer) : null;
        using var shrunk = shrunkSource is null ? null : Load(opened.Loader, shrunkSource, shrink);
        using var bare = WithoutMetadata(shrunk ?? header, keep: "icc-profile-data");

        // Sizes are in stored pixels (Orient swaps them back for orientations 5–8). Pixels are decoded here.
        using var resized = Resize(bare, targetWidth, targetHeight);
        using var inMemory = resized.CopyMemory();
        using var upright = Orient(inMemory, opened.Orientation);
        return new AvatarImage(upright.Width, upright.Height, EncodeWebP(upright));
    }

    /// <summary>
    /// JPEG can decode at 1/2, 1/4 or 1/8 scale for almost nothing (libjpeg-turbo's DCT scaling): the largest such
    /// factor that keeps <paramref name="sourceSide"/> at least <paramref name="targetSide"/>.
    /// </summary>
    private static int JpegShrink(SourceImageFormat format, int sourceSide, int targetSide)
    {
        var shrink = 1;
        if (format == SourceImageFormat.Jpeg)
        {
            while (shrink < 8 && sourceSide / (shrink * 2) >= targetSide)
            {
                shrink *= 2;
            }
        }

        return shrink;
    }

    /// <summary>Maps the top-left of a square given in upright pixels to stored pixels.</summary>
    internal static (int Left, int Top) ToStored(CropRegion region, int orientation, int storedWidth, int storedHeight)
    {
        // Map two opposite corners back through the EXIF transform; the square's stored top-left
        // is their minimum. (dx, dy) upright → (sx, sy) stored, for w × h stored pixels.
        (int X, int Y) Back(int dx, int dy) => orientation switch
        {
            2 => (storedWidth - 1 - dx, dy),
            3 => (storedWidth - 1 - dx, storedHeight - 1 - dy),
            4 => (dx, storedHeight - 1 - dy),
            5 => (dy, dx),
            6 => (dy, storedHeight - 1 - dx),
            7 => (storedWidth - 1 - dy, storedHeight - 1 - dx),
            8 => (storedWidth - 1 - dy, dx),
            _ => (dx, dy),
        };

        var a = Back(region.X, region.Y);
        var b = Back(region.X + region.Size - 1, region.Y + region.Size - 1);
        return (Math.Min(a.X, b.X), Math.Min(a.Y, b.Y));
    }

    private static Image Load(string bufferLoader, Source source, int shrink)
    {
        // The loader is driven directly (not thumbnail_buffer): the crop is chosen in stored pixels
        // before anything is decoded, and the shrink factor is ours. fail_on=truncated makes a
        // damaged file an error instead of grey rows.
        var options = new VOption { { "access", Enums.Access.Sequential }, { "fail_on", Enums.FailOn.Truncated } };
        if (shrink > 1)
        {
            options.Add("shrink", shrink);
        }

        // Every allowed loader has a source variant of the buffer loader FindLoadBuffer named.
        var loader = bufferLoader[..^"Buffer".Length] + "Source";
        return (Image)Operation.Call(loader, options, source);
    }

    /// <summary>Exactly width × height, premultiplying alpha, converting to sRGB 8-bit.</summary>
    private static Image Resize(Image image, int width, int height)
    {
        // thumbnail_image keeps an embedded profile (e.g. Display P3) as it is unless asked to
        // export; asked to export without one, it shifts sRGB colours. So: only when there is one
        // (or for CMYK, which it then imports with its fallback profile).
        var convertProfile = image.Contains("icc-profile-data") || image.Interpretation == Enums.Interpretation.Cmyk;
        using var thumbnail = image.ThumbnailImage(
            width, height: height, size: Enums.Size.Force, noRotate: true, outputProfile: convertProfile ? "srgb" : null);

        using var srgb = thumbnail.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw
            ? null
            : thumbnail.Colourspace(Enums.Interpretation.Srgb);
        var current = srgb ?? thumbnail;
        return current.Format == Enums.BandFormat.Uchar ? current.Copy() : current.Cast(Enums.BandFormat.Uchar);
    }

    /// <summary>Applies an EXIF orientation (1–8) to a stored-orientation image.</summary>
    private static Image Orient(Image image, int orientation)
    {
        switch (orientation)
        {
            case 2:
                return image.Flip(Enums.Direction.Horizontal);
            case 3:
                return image.Rot(Enums.Angle.D180);
            case 4:
                return image.Flip(Enums.Direction.Vertical);
            case 5:
            {
                using var rotated = image.Rot(Enums.Angle.D90);
                return rotated.Flip(Enums.Direction.Horizontal);
            }

            case 6:
                return image.Rot(Enums.Angle.D90);
            case 7:
            {
                using var rotated = image.Rot(Enums.Angle.D90);
                return rotated.Flip(Enums.Direction.Vertical);
            }

            case 8:
                return image.Rot(Enums.Angle.D270);
            default:
                return image.Copy();
        }
    }

    private byte[] EncodeWebP(Image image) =>
        // keep=none: no EXIF, XMP or ICC chunk (the image carries no metadata by now anyway).
        image.WebpsaveBuffer(q: _options.WebPQuality, keep: Enums.ForeignKeep.None);

    /// <summary>A private copy of <paramref name="image"/> with every metadata field removed but <paramref name="keep"/>.</summary>
    private static Image WithoutMetadata(Image image, string? keep) =>
        image.Mutate(mutable =>
        {
            foreach (var field in image.GetFields() ?? [])
            {
                if (field != keep)
                {
                    // The basic header fields (width, bands, ...) are not removable; that is fine.
                    mutable.Remove(field);
                }
            }
        });

    private IReadOnlyList<int> ValidateSizes(IReadOnlyList<int> sizes)
    {
        if (sizes.Count == 0)
        {
            throw new ArgumentException("At least one output size is needed.", nameof(sizes));
        }

        foreach (var size in sizes)
        {
            if (size < 1 || size > _options.MaxOutputSize)
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), size, $"Output sizes must be 1–{_options.MaxOutputSize}.");
            }
        }

        return sizes;
    }
}
