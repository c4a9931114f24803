using System.Diagnostics;
using System.Text;

namespace ProfilePortal.Imaging.Tests;

public class LibvipsAvatarImageProcessorTests
{
    private readonly LibvipsAvatarImageProcessor _processor = new();

    [Fact]
    public void Process_DefaultSizes_Returns512And128WebP()
    {
        var result = _processor.Process(TestImages.Quadrants(96, 96, "pngsave_buffer"));

        ImagingAssert.SquareWebPs(result, 512, 128);
        Assert.Equal(new SourceImageInfo(SourceImageFormat.Png, 96, 96), result.Source);
    }

    [Theory]
    [InlineData(300, 100)]
    [InlineData(100, 300)]
    public void Process_NonSquareWithoutCrop_ReturnsExactCentreSquares(int width, int height)
    {
        // Outer thirds red, middle third green, along the long side: the centre square is all green.
        var input = TestImages.Rgb(
            width, height, (x, y) => (width > height ? x : y) * 3 / Math.Max(width, height) == 1 ? Rgb.Green : Rgb.Red, "pngsave_buffer");

        var result = _processor.Process(input, sizes: [512, 128, 64]);

        ImagingAssert.SquareWebPs(result, 512, 128, 64);
        var large = TestImages.Decode(result.ImageOfSize(512).Data);
        foreach (var (x, y) in new[] { (20, 20), (491, 20), (256, 256), (20, 491), (491, 491) })
        {
            ImagingAssert.Near(Rgb.Green, large.ColourAt(x, y), where: $"({x}, {y})");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Process_JpegWithExifOrientation_ComesOutUpright(int orientation)
    {
        const int storedWidth = 128, storedHeight = 64;
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(storedWidth, storedHeight, "jpegsave_buffer", "Q=95"), orientation);
        var upright = Upright(storedWidth, storedHeight, orientation);

        var result = _processor.Process(input, sizes: [512]);

        ImagingAssert.SquareWebPs(result, 512);
        Assert.Equal((upright.Width, upright.Height), (result.Source!.Width, result.Source.Height));
        var output = TestImages.Decode(result.Images[0].Data);
        var centre = CropRegion.Centre(upright.Width, upright.Height);
        foreach (var (x, y) in new[] { (128, 128), (384, 128), (128, 384), (384, 384) })
        {
            var expected = upright.ColourAt(centre.X + (x * centre.Size / 512), centre.Y + (y * centre.Size / 512));
            ImagingAssert.Near(expected, output.ColourAt(x, y), where: $"({x}, {y}), orientation {orientation}");
        }
    }

    [Fact]
    public void Process_JpegWithGpsExifAndXmp_OutputHasNoMetadataChunks()
    {
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(64, 64, "jpegsave_buffer"), orientation: 6);

        var result = _processor.Process(input);

        ImagingAssert.SquareWebPs(result, 512, 128);
        foreach (var image in result.Images)
        {
            var chunks = TestImages.WebPChunks(image.Data);
            Assert.DoesNotContain("EXIF", chunks);
            Assert.DoesNotContain("XMP ", chunks);
            Assert.DoesNotContain("ICCP", chunks);
            var text = Encoding.ASCII.GetString(image.Data);
            Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
            Assert.DoesNotContain("GPS", text, StringComparison.Ordinal);
            Assert.DoesNotContain("xmpmeta", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Process_JpegWithDisplayP3Profile_ConvertedToSrgbAndProfileDropped()
    {
        // A colour given in sRGB, stored as Display P3 numbers with the P3 profile embedded.
        var input = TestImages.WithProfile(64, 64, new Rgb(200, 30, 30), "p3");
        var stored = TestImages.Decode(input).ColourAt(10, 10);
        Assert.True(Math.Abs(stored.R - 200) + Math.Abs(stored.G - 30) > 20, $"fixture not in P3 numbers: {stored}");

        var result = _processor.Process(input, sizes: [64]);

        ImagingAssert.SquareWebPs(result, 64);
        Assert.DoesNotContain("ICCP", TestImages.WebPChunks(result.Images[0].Data));
        ImagingAssert.Near(new Rgb(200, 30, 30), TestImages.Decode(result.Images[0].Data).ColourAt(32, 32), tolerance: 10);
    }

    [Fact]
    public void Process_JpegWithoutProfile_KeepsSrgbColours()
    {
        var input = TestImages.Rgb(64, 64, (_, _) => new Rgb(200, 30, 30), "jpegsave_buffer", "Q=100");

        var result = _processor.Process(input, sizes: [64]);

        ImagingAssert.SquareWebPs(result, 64);
        ImagingAssert.Near(new Rgb(200, 30, 30), TestImages.Decode(result.Images[0].Data).ColourAt(32, 32), tolerance: 10);
    }

    [Fact]
    public void Process_CropRegion_KeepsOnlyThatSquare()
    {
        var input = TestImages.Quadrants(200, 100, "pngsave_buffer");

        // x 75..125, y 25..75: centred on the point where the four quadrants meet.
        var result = _processor.Process(input, new CropRegion(75, 25, 50), [512]);

        ImagingAssert.SquareWebPs(result, 512);
        var output = TestImages.Decode(result.Images[0].Data);
        ImagingAssert.Near(Rgb.Red, output.ColourAt(100, 100));
        ImagingAssert.Near(Rgb.Green, output.ColourAt(400, 100));
        ImagingAssert.Near(Rgb.Blue, output.ColourAt(100, 400));
        ImagingAssert.Near(Rgb.Yellow, output.ColourAt(400, 400));
    }

    [Fact]
    public void Process_CropInsideOneQuadrant_IsThatQuadrantsColour()
    {
        var input = TestImages.Quadrants(200, 100, "pngsave_buffer");

        var result = _processor.Process(input, new CropRegion(110, 5, 40), [128]);

        ImagingAssert.SquareWebPs(result, 128);
        var output = TestImages.Decode(result.Images[0].Data);
        for (var y = 0; y < 128; y += 16)
        {
            for (var x = 0; x < 128; x += 16)
            {
                ImagingAssert.Near(Rgb.Green, output.ColourAt(x, y), tolerance: 8, where: $"({x}, {y})");
            }
        }
    }

    [Fact]
    public void Process_CropOnRotatedJpeg_UsesUprightCoordinates()
    {
        // Stored 128×64 landscape, orientation 6: upright it is 64×128, and its bottom-left
        // quadrant is the stored bottom-right (yellow). (0, 64, 64) lies outside the stored image.
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(128, 64, "jpegsave_buffer", "Q=95"), orientation: 6);

        var result = _processor.Process(input, new CropRegion(0, 64, 64), [256]);

        ImagingAssert.SquareWebPs(result, 256);
        var output = TestImages.Decode(result.Images[0].Data);
        ImagingAssert.Near(Rgb.Yellow, output.ColourAt(64, 128));
        ImagingAssert.Near(Rgb.Green, output.ColourAt(192, 128));
    }

    [Fact]
    public void Process_LargeRotatedJpegWithCrop_ShrinksOnLoadAndKeepsRegion()
    {
        // 2048×1024 stored, orientation 8 (90° anticlockwise): upright 1024×2048, whose top half is
        // the stored right half (green left, yellow right) and bottom half the stored left half
        // (red left, blue right). The square 512..1536 straddles both; 1024 px decodes at 1/2 scale for 512.
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(2048, 1024, "jpegsave_buffer", "Q=90"), orientation: 8);

        var result = _processor.Process(input, new CropRegion(0, 512, 1024), [512, 128]);

        ImagingAssert.SquareWebPs(result, 512, 128);
        var output = TestImages.Decode(result.Images[0].Data);
        ImagingAssert.Near(Rgb.Green, output.ColourAt(128, 128));
        ImagingAssert.Near(Rgb.Yellow, output.ColourAt(384, 128));
        ImagingAssert.Near(Rgb.Red, output.ColourAt(128, 384));
        ImagingAssert.Near(Rgb.Blue, output.ColourAt(384, 384));
    }

    [Theory]
    [InlineData(-1, 0, 50)]
    [InlineData(0, -1, 50)]
    [InlineData(160, 0, 50)]
    [InlineData(0, 60, 50)]
    [InlineData(0, 0, 101)]
    [InlineData(0, 0, 0)]
    [InlineData(int.MaxValue, 0, 50)]
    public void Process_CropOutsideImage_RefusedAsCropOutOfBounds(int x, int y, int size)
    {
        var input = TestImages.Quadrants(200, 100, "pngsave_buffer");

        var result = _processor.Process(input, new CropRegion(x, y, size));

        ImagingAssert.Refused(result, AvatarFailureReason.CropOutOfBounds);
    }

    [Fact]
    public void Process_PngWithAlpha_KeepsTransparency()
    {
        var result = _processor.Process(TestImages.HalfTransparentPng(64, 64), sizes: [512]);

        ImagingAssert.SquareWebPs(result, 512);
        var output = TestImages.Decode(result.Images[0].Data);
        Assert.Equal(4, output.Bands);
        Assert.True(output.AlphaAt(64, 256) < 16, $"left alpha {output.AlphaAt(64, 256)}");
        Assert.True(output.AlphaAt(448, 256) > 240, $"right alpha {output.AlphaAt(448, 256)}");
        ImagingAssert.Near(Rgb.Red, output.ColourAt(448, 256));
    }

    [Fact]
    public void Process_OpaqueJpeg_HasNoAlpha()
    {
        var result = _processor.Process(TestImages.Quadrants(64, 64, "jpegsave_buffer"), sizes: [128]);

        ImagingAssert.SquareWebPs(result, 128);
        Assert.Equal(3, TestImages.Decode(result.Images[0].Data).Bands);
    }

    [Fact]
    public void Process_AnimatedGif_TakesFirstFrame()
    {
        var input = TestImages.TwoFrameGif(64, Rgb.Red, Rgb.Blue);
        var frames = TestImages.Decode(input, allPages: true);
        Assert.Equal(128, frames.Height);
        ImagingAssert.Near(Rgb.Blue, frames.ColourAt(32, 96), tolerance: 16);

        var result = _processor.Process(input, sizes: [128]);

        ImagingAssert.SquareWebPs(result, 128);
        Assert.Equal(new SourceImageInfo(SourceImageFormat.Gif, 64, 64), result.Source);
        var output = TestImages.Decode(result.Images[0].Data);
        ImagingAssert.Near(Rgb.Red, output.ColourAt(10, 10), tolerance: 16);
        ImagingAssert.Near(Rgb.Red, output.ColourAt(117, 117), tolerance: 16);
    }

    [Fact]
    public void Process_WebPInput_IsReencoded()
    {
        var input = TestImages.Quadrants(80, 80, "webpsave_buffer", "Q=100");

        var result = _processor.Process(input, sizes: [128]);

        ImagingAssert.SquareWebPs(result, 128);
        Assert.Equal(SourceImageFormat.WebP, result.Source!.Format);
        ImagingAssert.Near(Rgb.Yellow, TestImages.Decode(result.Images[0].Data).ColourAt(100, 100));
    }

    [Fact]
    public void Process_EmptyInput_RefusedAsEmpty()
        => ImagingAssert.Refused(_processor.Process([]), AvatarFailureReason.Empty);

    [Fact]
    public void Process_FiveMegabytesPlusOneByte_RefusedAsTooLarge()
    {
        var input = new byte[(5 * 1024 * 1024) + 1];
        TestImages.Quadrants(16, 16, "jpegsave_buffer").CopyTo(input, 0);

        ImagingAssert.Refused(_processor.Process(input), AvatarFailureReason.TooLarge);
    }

    [Fact]
    public void Process_TruncatedJpeg_RefusedAsCorrupt()
    {
        var jpeg = TestImages.NoiseJpeg(256, 256);
        var truncated = jpeg.AsSpan(0, jpeg.Length * 6 / 10);

        var result = _processor.Process(truncated);

        ImagingAssert.Refused(result, AvatarFailureReason.Corrupt);
        Assert.Equal(SourceImageFormat.Jpeg, result.Source?.Format);
    }

    [Fact]
    public void Process_JpegMagicFollowedByGarbage_RefusedAsCorrupt()
    {
        byte[] input = [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("this is not really a JPEG at all")];

        ImagingAssert.Refused(_processor.Process(input), AvatarFailureReason.Corrupt);
    }

    [Theory]
    [InlineData("Hello, this is a text file named avatar.png")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("%PDF-1.4\n1 0 obj << >> endobj\n")]
    [InlineData("II*\0\u0008\0\0\0")]
    public void Process_NonImageContent_RefusedAsUnsupportedFormat(string content)
    {
        var result = _processor.Process(Encoding.UTF8.GetBytes(content));

        ImagingAssert.Refused(result, AvatarFailureReason.UnsupportedFormat);
    }

    [Fact]
    public void Process_TiffMadeByLibvips_RefusedAsUnsupportedFormat()
    {
        var tiff = TestImages.Quadrants(32, 32, "tiffsave_buffer");

        ImagingAssert.Refused(_processor.Process(tiff), AvatarFailureReason.UnsupportedFormat);
    }

    [Fact]
    public void Process_DecompressionBombPng_RefusedFromHeaderQuickly()
    {
        var bomb = TestImages.PngHeaderOnly(20000, 20000);
        _processor.Process(TestImages.Quadrants(8, 8, "pngsave_buffer")); // start libvips outside the timing

        var clock = Stopwatch.StartNew();
        var result = _processor.Process(bomb);
        clock.Stop();

        ImagingAssert.Refused(result, AvatarFailureReason.TooManyPixels);
        Assert.Equal((20000, 20000), (result.Source!.Width, result.Source.Height));
        Assert.True(clock.ElapsedMilliseconds < 250, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Process_FiftyMegapixelHeader_PassesPixelLimitThenFailsDecode()
    {
        // Exactly at the limit is allowed; this file then fails because its pixel data is missing.
        var result = _processor.Process(TestImages.PngHeaderOnly(10000, 5000));

        ImagingAssert.Refused(result, AvatarFailureReason.Corrupt);
    }

    [Fact]
    public void Process_JustOverFiftyMegapixels_RefusedAsTooManyPixels()
        => ImagingAssert.Refused(_processor.Process(TestImages.PngHeaderOnly(10000, 5001)), AvatarFailureReason.TooManyPixels);

    [Fact]
    public void Process_ManyThreadsAtOnce_AllSucceed()
    {
        var inputs = Enumerable.Range(0, 4).Select(i => TestImages.Quadrants(64 + (i * 16), 48, "jpegsave_buffer")).ToArray();
        var failures = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var result = _processor.Process(inputs[i % inputs.Length], sizes: [64]);
            var colour = result.Succeeded ? TestImages.Decode(result.Images[0].Data).ColourAt(48, 48) : default;
            if (!result.Succeeded || Math.Abs(colour.R - 255) > 48 || Math.Abs(colour.G - 255) > 48)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Process_InvalidSizes_Throws()
    {
        var input = TestImages.Quadrants(16, 16, "pngsave_buffer");

        Assert.Throws<ArgumentException>(() => _processor.Process(input, sizes: []));
        Assert.Throws<ArgumentOutOfRangeException>(() => _processor.Process(input, sizes: [0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => _processor.Process(input, sizes: [4096]));
    }

    [Fact]
    public void GetStatus_LibvipsInstalled_ReportsAvailableWithVersion()
    {
        var status = _processor.GetStatus();

        Assert.True(status.Available, status.Error);
        Assert.Equal("libvips", status.Engine);
        Assert.Matches(@"^8\.\d+\.\d+$", status.Version);
    }

    /// <summary>The expected upright picture: stored quadrants moved by the EXIF transform.</summary>
    private static DecodedImage Upright(int width, int height, int orientation)
    {
        var swaps = orientation >= 5;
        int uw = swaps ? height : width, uh = swaps ? width : height;
        var pixels = new byte[uw * uh * 3];
        for (var sy = 0; sy < height; sy++)
        {
            for (var sx = 0; sx < width; sx++)
            {
                // Where stored pixel (sx, sy) is displayed, per the EXIF specification.
                var (dx, dy) = orientation switch
                {
                    2 => (width - 1 - sx, sy),
                    3 => (width - 1 - sx, height - 1 - sy),
                    4 => (sx, height - 1 - sy),
                    5 => (sy, sx),
                    6 => (height - 1 - sy, sx),
                    7 => (height - 1 - sy, width - 1 - sx),
                    8 => (sy, width - 1 - sx),
                    _ => (sx, sy),
                };
                var c = TestImages.QuadrantColour(sx, sy, width, height);
                var i = ((dy * uw) + dx) * 3;
                (pixels[i], pixels[i + 1], pixels[i + 2]) = (c.R, c.G, c.B);
            }
        }

        return new DecodedImage(uw, uh, 3, pixels);
    }
}
