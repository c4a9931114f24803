using System.Text;

namespace ProfilePortal.Imaging.Tests;

/// <summary>
/// <see cref="IAvatarImageProcessor.ProcessWhole"/>: the avatar creator's full-body render, kept whole (aspect kept,
/// longer side at most the limit) and refused for the same reasons as an avatar upload.
/// </summary>
public class ProcessWholeTests
{
    private readonly LibvipsAvatarImageProcessor _processor = new();

    [Theory]
    [InlineData(512, 768, 512, 768)]
    [InlineData(1024, 1536, 512, 768)]
    [InlineData(2000, 1000, 768, 384)]
    [InlineData(100, 150, 100, 150)]
    public void ProcessWhole_AnySize_FitsTheLongerSideAndKeepsTheAspect(int width, int height, int expectedWidth, int expectedHeight)
    {
        var result = _processor.ProcessWhole(TestImages.Quadrants(width, height, "pngsave_buffer"), 768);

        var image = SingleWebP(result, expectedWidth, expectedHeight);
        Assert.Equal(new SourceImageInfo(SourceImageFormat.Png, width, height), result.Source);
        // The whole picture, not a crop: each quadrant's colour is still in its quadrant.
        var output = TestImages.Decode(image.Data);
        foreach (var (x, y) in new[] { (expectedWidth / 4, expectedHeight / 4), (expectedWidth * 3 / 4, expectedHeight / 4), (expectedWidth / 4, expectedHeight * 3 / 4), (expectedWidth * 3 / 4, expectedHeight * 3 / 4) })
        {
            ImagingAssert.Near(TestImages.QuadrantColour(x, y, expectedWidth, expectedHeight), output.ColourAt(x, y), where: $"({x}, {y})");
        }
    }

    [Fact]
    public void ProcessWhole_RotatedJpegWithGps_ComesOutUprightWithoutMetadata()
    {
        // Stored 128 × 64 with orientation 6 (rotate 90° clockwise): upright it is 64 × 128.
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(128, 64, "jpegsave_buffer", "Q=95"), orientation: 6);

        var result = _processor.ProcessWhole(input, 768);

        var image = SingleWebP(result, 64, 128);
        var chunks = TestImages.WebPChunks(image.Data);
        Assert.DoesNotContain("EXIF", chunks);
        Assert.DoesNotContain("XMP ", chunks);
        Assert.DoesNotContain("ICCP", chunks);
    }

    [Fact]
    public void ProcessWhole_LargeJpeg_ShrinksOnLoadToTheLimit()
    {
        var result = _processor.ProcessWhole(TestImages.Quadrants(3000, 4500, "jpegsave_buffer"), 768);

        SingleWebP(result, 512, 768);
    }

    [Fact]
    public void ProcessWhole_TransparentPng_KeepsTransparency()
    {
        var result = _processor.ProcessWhole(TestImages.HalfTransparentPng(64, 96), 768);

        var output = TestImages.Decode(SingleWebP(result, 64, 96).Data);
        Assert.Equal(4, output.Bands);
        Assert.True(output.AlphaAt(8, 48) < 16, $"left alpha {output.AlphaAt(8, 48)}");
        Assert.True(output.AlphaAt(56, 48) > 240, $"right alpha {output.AlphaAt(56, 48)}");
    }

    [Fact]
    public void ProcessWhole_Empty_RefusedAsEmpty()
        => ImagingAssert.Refused(_processor.ProcessWhole([], 768), AvatarFailureReason.Empty);

    [Fact]
    public void ProcessWhole_FiveMegabytesPlusOneByte_RefusedAsTooLarge()
    {
        var input = new byte[(5 * 1024 * 1024) + 1];
        TestImages.Quadrants(16, 16, "pngsave_buffer").CopyTo(input, 0);

        ImagingAssert.Refused(_processor.ProcessWhole(input, 768), AvatarFailureReason.TooLarge);
    }

    [Fact]
    public void ProcessWhole_NotAnImage_RefusedAsUnsupportedFormat()
        => ImagingAssert.Refused(_processor.ProcessWhole(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), 768), AvatarFailureReason.UnsupportedFormat);

    [Fact]
    public void ProcessWhole_DecompressionBomb_RefusedFromHeader()
        => ImagingAssert.Refused(_processor.ProcessWhole(TestImages.PngHeaderOnly(20000, 20000), 768), AvatarFailureReason.TooManyPixels);

    [Fact]
    public void ProcessWhole_TruncatedPng_RefusedAsCorrupt()
    {
        var png = TestImages.Quadrants(256, 384, "pngsave_buffer");

        ImagingAssert.Refused(_processor.ProcessWhole(png.AsSpan(0, png.Length / 2), 768), AvatarFailureReason.Corrupt);
    }

    [Fact]
    public void ProcessWhole_InvalidLimit_Throws()
        => Assert.Throws<ArgumentOutOfRangeException>(() => _processor.ProcessWhole(TestImages.Quadrants(16, 16, "pngsave_buffer"), 0));

    private static AvatarImage SingleWebP(AvatarProcessingResult result, int width, int height)
    {
        Assert.True(result.Succeeded, $"{result.Failure}: {result.Message} ({result.Diagnostic})");
        var image = Assert.Single(result.Images);
        Assert.Equal("image/webp", image.ContentType);
        Assert.Equal((width, height), (image.Width, image.Height));
        var decoded = TestImages.Decode(image.Data);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        return image;
    }
}
