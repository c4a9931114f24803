using ProfilePortal.Imaging;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>The avatar upload form (SPEC 2.2).</summary>
public sealed class AvatarInput
{
    public IFormFile? File { get; set; }

    /// <summary>The chosen square in pixels of the upright image; all empty means the centre square.</summary>
    public int? CropX { get; set; }
    public int? CropY { get; set; }
    public int? CropSize { get; set; }

    /// <summary>The chosen square, or null for the centre square.</summary>
    public CropRegion? Crop => CropX is { } x && CropY is { } y && CropSize is { } size ? new CropRegion(x, y, size) : null;
}
