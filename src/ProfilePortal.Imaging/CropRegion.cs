namespace ProfilePortal.Imaging;

/// <summary>A square chosen by the person: top-left corner and edge, in pixels of the upright image.</summary>
public readonly record struct CropRegion(int X, int Y, int Size)
{
    /// <summary>The largest square centred in a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public static CropRegion Centre(int width, int height)
    {
        var size = Math.Min(width, height);
        return new CropRegion((width - size) / 2, (height - size) / 2, size);
    }

    /// <summary>True when the square lies wholly inside a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    public bool FitsWithin(int width, int height) =>
        X >= 0 && Y >= 0 && Size > 0 && (long)X + Size <= width && (long)Y + Size <= height;
}
