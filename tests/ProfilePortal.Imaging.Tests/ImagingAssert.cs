namespace ProfilePortal.Imaging.Tests;

internal static class ImagingAssert
{
    /// <summary>Colours match within <paramref name="tolerance"/> per channel (lossy codecs move them a little).</summary>
    public static void Near(Rgb expected, Rgb actual, int tolerance = 48, string? where = null)
    {
        var close = Math.Abs(expected.R - actual.R) <= tolerance
            && Math.Abs(expected.G - actual.G) <= tolerance
            && Math.Abs(expected.B - actual.B) <= tolerance;
        Assert.True(close, $"Expected about {expected} but found {actual}{(where is null ? "" : " at " + where)}.");
    }

    /// <summary>The result succeeded, and each image is a size × size WebP.</summary>
    public static void SquareWebPs(AvatarProcessingResult result, params int[] sizes)
    {
        Assert.True(result.Succeeded, $"{result.Failure}: {result.Message} ({result.Diagnostic})");
        Assert.Equal(sizes, result.Images.Select(i => i.Size));
        foreach (var image in result.Images)
        {
            Assert.Equal("image/webp", image.ContentType);
            var decoded = TestImages.Decode(image.Data);
            Assert.Equal((image.Size, image.Size), (decoded.Width, decoded.Height));
        }
    }

    public static void Refused(AvatarProcessingResult result, AvatarFailureReason reason)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(reason, result.Failure);
        Assert.Empty(result.Images);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }
}
