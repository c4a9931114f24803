using ProfilePortal.Imaging.Libvips;

namespace ProfilePortal.Imaging;

/// <summary>
/// The avatar pipeline on libvips. Every check that can refuse a file runs before any pixel is
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
        var loader = VipsForeign.FindLoader(input);
        if (loader is null || !loader.StartsWith(LoaderFamilies[format], StringComparison.Ordinal))
        {
            return AvatarProcessingResult.Fail(
                AvatarFailureReason.UnsupportedFormat, NotAnImage, diagnostic: $"sniffed {format}, libvips chose {loader ?? "no loader"}");
        }

        using var blob = VipsBlobHandle.Copy(input);
        SourceImageInfo? source = null;
        try
        {
            // Building only the loader reads the header: dimensions are known, no pixel decoded yet.
            using var header = Load(loader, blob, shrink: 1);
            int width = header.Width, height = header.Height;
            var orientation = header.GetInt("orientation") is { } o and >= 1 and <= 8 ? o : 1;
            var swapsAxes = orientation >= 5;
            source = new SourceImageInfo(format, swapsAxes ? height : width, swapsAxes ? width : height);

            if ((long)width * height > _options.MaxPixels)
            {
                return AvatarProcessingResult.Fail(
                    AvatarFailureReason.TooManyPixels,
                    $"The image is {(long)width * height / 1e6:0.#} megapixels; at most {_options.MaxPixels / 1e6:0.#} are accepted.",
                    source);
            }

            var region = crop ?? CropRegion.Centre(source.Width, source.Height);
            if (!region.FitsWithin(source.Width, source.Height))
            {
                return AvatarProcessingResult.Fail(
                    AvatarFailureReason.CropOutOfBounds,
                    $"The chosen square ({region.X}, {region.Y}, {region.Size} px) is not inside the {source.Width}×{source.Height} image.",
                    source);
            }

            var images = Render(header, loader, blob, format, orientation, region, sizes);
            return AvatarProcessingResult.Success(images, source);
        }
        catch (VipsException ex)
        {
            // libvips reports decode failures (truncated, corrupt data) only by a failed call.
            return AvatarProcessingResult.Fail(AvatarFailureReason.Corrupt, Damaged, source, ex.Message);
        }
    }

    private List<AvatarImage> Render(
        VipsImage header, string loader, VipsBlobHandle blob, SourceImageFormat format, int orientation,
        CropRegion region, IReadOnlyList<int> sizes)
    {
        int width = header.Width, height = header.Height;
        var largest = sizes.Max();

        // Work in stored (un-rotated) pixels so decoding stays a top-to-bottom stream; rotate
        // only the small result.
        var (storedLeft, storedTop) = ToStored(region, orientation, width, height);

        // JPEG can decode at 1/2, 1/4 or 1/8 scale for almost nothing; keep at least the largest output size.
        var shrink = 1;
        if (format == SourceImageFormat.Jpeg)
        {
            while (shrink < 8 && region.Size / (shrink * 2) >= largest)
            {
                shrink *= 2;
            }
        }

        using var shrunk = shrink > 1 ? Load(loader, blob, shrink) : null;
        var decoded = shrunk ?? header;
        double scaleX = (double)decoded.Width / width, scaleY = (double)decoded.Height / height;
        var left = Math.Min((int)Math.Floor(storedLeft * scaleX), decoded.Width - 1);
        var top = Math.Min((int)Math.Floor(storedTop * scaleY), decoded.Height - 1);
        var side = Math.Max(1, (int)Math.Round(region.Size * Math.Min(scaleX, scaleY)));
        side = Math.Min(side, Math.Min(decoded.Width - left, decoded.Height - top));

        using var cropped = Call("extract_area", op => op
            .Set("input", decoded).Set("left", left).Set("top", top).Set("width", side).Set("height", side));

        // Drop metadata now, not only at the end: later steps must not act on it either (e.g.
        // a GIF's "n-pages" makes thumbnail treat the one frame as a strip of frames). The ICC
        // profile stays so that thumbnail can convert to sRGB.
        using var square = WithoutMetadata(cropped, keep: "icc-profile-data");

        // Pixels are decoded here: a truncated or corrupt file fails in this call.
        using var resized = Resize(square, largest);
        using var inMemory = resized.CopyToMemory();
        using var upright = Orient(inMemory, orientation);

        var bySize = new Dictionary<int, AvatarImage>();
        foreach (var size in sizes)
        {
            if (size == largest)
            {
                bySize[size] = new AvatarImage(size, EncodeWebP(upright));
            }
            else
            {
                using var smaller = Resize(upright, size);
                bySize[size] = new AvatarImage(size, EncodeWebP(smaller));
            }
        }

        return sizes.Select(s => bySize[s]).ToList();
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

    private static VipsImage Load(string loader, VipsBlobHandle blob, int shrink)
    {
        // thumbnail_buffer would ignore fail_on in libvips 8.14, so the loader is driven directly.
        return Call(loader, op =>
        {
            op.Set("buffer", blob).Set("access", "sequential").Set("fail_on", "truncated");
            if (shrink > 1)
            {
                op.Set("shrink", shrink);
            }

            return op;
        });
    }

    /// <summary>Exactly size × size, premultiplying alpha, converting to sRGB 8-bit.</summary>
    private static VipsImage Resize(VipsImage square, int size)
    {
        // thumbnail_image keeps an embedded profile (e.g. Display P3) as it is unless asked to
        // export; asked to export without one, it shifts sRGB colours. So: only when there is one
        // (or for CMYK, which it then imports with its fallback profile).
        var convertProfile = square.HasField("icc-profile-data") || square.Interpretation == VipsImage.InterpretationCmyk;
        using var thumbnail = Call("thumbnail_image", op =>
        {
            op.Set("in", square).Set("width", size).Set("height", size).Set("size", "force").Set("no_rotate", true);
            return convertProfile ? op.Set("export_profile", "srgb") : op;
        });

        using var srgb = thumbnail.Interpretation is VipsImage.InterpretationSrgb or VipsImage.InterpretationBlackAndWhite
            ? null
            : Call("colourspace", op => op.Set("in", thumbnail).Set("space", "srgb"));
        var current = srgb ?? thumbnail;
        return current.Format == VipsImage.FormatUChar
            ? Call("copy", op => op.Set("in", current))
            : Call("cast", op => op.Set("in", current).Set("format", "uchar"));
    }

    /// <summary>Applies an EXIF orientation (1–8) to a stored-orientation image.</summary>
    private static VipsImage Orient(VipsImage image, int orientation)
    {
        VipsImage Rotate(VipsImage input, string angle) => Call("rot", op => op.Set("in", input).Set("angle", angle));
        VipsImage Flip(VipsImage input, string direction) => Call("flip", op => op.Set("in", input).Set("direction", direction));

        switch (orientation)
        {
            case 2:
                return Flip(image, "horizontal");
            case 3:
                return Rotate(image, "d180");
            case 4:
                return Flip(image, "vertical");
            case 5:
            {
                using var rotated = Rotate(image, "d90");
                return Flip(rotated, "horizontal");
            }

            case 6:
                return Rotate(image, "d90");
            case 7:
            {
                using var rotated = Rotate(image, "d90");
                return Flip(rotated, "vertical");
            }

            case 8:
                return Rotate(image, "d270");
            default:
                return Call("copy", op => op.Set("in", image));
        }
    }

    private byte[] EncodeWebP(VipsImage image)
    {
        // webpsave in libvips 8.14 ignores strip=true: it writes the image's EXIF and XMP, and
        // an EXIF chunk of its own making when there is none. So no metadata reaches the encoder,
        // and the container is cleaned afterwards.
        using var bare = WithoutMetadata(image, keep: null);
        using var save = VipsOperation.Create(WebPSaver.Value)
            .Set("in", bare).Set("Q", _options.WebPQuality).Set("strip", true);
        save.Build();
        return WebPContainer.StripMetadata(save.GetBlob("buffer"));
    }

    /// <summary>A private copy of <paramref name="image"/> with every metadata field removed but <paramref name="keep"/>.</summary>
    private static VipsImage WithoutMetadata(VipsImage image, string? keep)
    {
        // Fields may only be changed on an image no one else holds: copy makes one.
        var copy = Call("copy", op => op.Set("in", image));
        foreach (var field in copy.GetFields())
        {
            if (field != keep)
            {
                // The basic header fields (width, bands, ...) are not removable; that is fine.
                copy.RemoveField(field);
            }
        }

        return copy;
    }

    private static readonly Lazy<string> WebPSaver = new(() => VipsForeign.FindSaver(".webp"));

    private static VipsImage Call(string operation, Func<VipsOperation, VipsOperation> configure)
    {
        using var op = VipsOperation.Create(operation);
        configure(op);
        op.Build();
        return op.GetImage("out");
    }

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
