using ProfilePortal.Imaging;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// The avatar upload form (SPEC 2.2), also used by the avatar creator (SPEC 2.8b): it sends the rendered portrait as
/// <see cref="File"/> with <see cref="Character"/> and <see cref="FullBody"/>, through the same pipeline.
/// </summary>
public sealed class AvatarInput
{
    public IFormFile? File { get; set; }

    /// <summary>The chosen square in pixels of the upright image; all empty means the centre square.</summary>
    public int? CropX { get; set; }
    public int? CropY { get; set; }
    public int? CropSize { get; set; }

    /// <summary>The avatar creator's choices (an <see cref="AvatarCharacterDocument"/> as JSON); empty for a photo.</summary>
    public string? Character { get; set; }

    /// <summary>The creator's full-body render (PNG), sent with <see cref="Character"/>; shown on the People card.</summary>
    public IFormFile? FullBody { get; set; }

    /// <summary>The chosen square, or null for the centre square.</summary>
    public CropRegion? Crop => CropX is { } x && CropY is { } y && CropSize is { } size ? new CropRegion(x, y, size) : null;
}
