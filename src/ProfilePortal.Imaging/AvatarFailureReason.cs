namespace ProfilePortal.Imaging;

/// <summary>Why an upload was refused; stable values a UI or API can switch on.</summary>
public enum AvatarFailureReason
{
    /// <summary>The upload has no bytes.</summary>
    Empty = 1,

    /// <summary>The upload is over <see cref="AvatarProcessingOptions.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>The content is not JPEG, PNG, WebP or GIF (checked by magic bytes, not by name).</summary>
    UnsupportedFormat,

    /// <summary>The header declares more than <see cref="AvatarProcessingOptions.MaxPixels"/> pixels.</summary>
    TooManyPixels,

    /// <summary>The file claims an allowed format but cannot be decoded: damaged or truncated.</summary>
    Corrupt,

    /// <summary>The chosen square does not lie inside the (upright) image.</summary>
    CropOutOfBounds,
}
