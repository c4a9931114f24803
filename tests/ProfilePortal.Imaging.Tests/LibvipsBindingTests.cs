using System.Diagnostics;
using System.Text;
using ProfilePortal.Imaging.Libvips;

namespace ProfilePortal.Imaging.Tests;

/// <summary>
/// The binding's security settings, and the libvips 8.14 behaviours the pipeline works around.
/// If a libvips upgrade makes one of the "Libvips814_" tests fail, the workaround it explains may
/// no longer be needed: read the comment in the pipeline before removing anything.
/// </summary>
public class LibvipsBindingTests
{
    [Fact]
    public void Startup_LoadsNoOptionalModulesAndNoSystemSqlite()
    {
        new LibvipsAvatarImageProcessor().Process(TestImages.Quadrants(32, 32, "pngsave_buffer"));

        var mapped = File.ReadAllLines("/proc/self/maps").Select(line => line.Split(' ').Last()).Distinct().ToList();
        Assert.DoesNotContain(mapped, path => path.Contains("vips-modules", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, path => path.Contains("/libsqlite3.so", StringComparison.Ordinal));
    }

    [Fact]
    public void FindLoader_AllowedFormats_ReturnsTheirBufferLoaders()
    {
        Assert.Equal("VipsForeignLoadJpegBuffer", VipsForeign.FindLoader(TestImages.Quadrants(8, 8, "jpegsave_buffer")));
        Assert.Equal("VipsForeignLoadPngBuffer", VipsForeign.FindLoader(TestImages.Quadrants(8, 8, "pngsave_buffer")));
        Assert.Equal("VipsForeignLoadWebpBuffer", VipsForeign.FindLoader(TestImages.Quadrants(8, 8, "webpsave_buffer")));
        Assert.Equal("VipsForeignLoadNsgifBuffer", VipsForeign.FindLoader(TestImages.Quadrants(8, 8, "gifsave_buffer")));
    }

    [Theory]
    [InlineData("svg", "VipsForeignLoadSvgBuffer")]
    [InlineData("tiff", "VipsForeignLoadTiffBuffer")]
    public void Build_LoaderOtherThanJpegPngWebPGif_FailsAsBlocked(string format, string expectedLoader)
    {
        var content = format switch
        {
            "svg" => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>"),
            "tiff" => TestImages.Quadrants(8, 8, "tiffsave_buffer"),
            "pdf" => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
            _ => Encoding.ASCII.GetBytes("P3\n1 1\n255\n0 0 0\n"),
        };
        using var blob = VipsBlobHandle.Copy(content);

        // libvips 8.14's vips_foreign_find_load_buffer still names blocked loaders (so the pipeline
        // also checks the loader family); building one is what blocking refuses.
        var loader = VipsForeign.FindLoader(content);
        Assert.Equal(expectedLoader, loader);
        var error = Assert.Throws<VipsException>(() =>
        {
            using var op = VipsOperation.Create(loader!).Set("buffer", blob);
            op.Build();
        });
        Assert.Contains("operation is blocked", error.Message, StringComparison.Ordinal);
    }

    // PDF (poppler) and ImageMagick are libvips modules, which are never loaded: no loader exists for them at all.
    [Theory]
    [InlineData("pdf")]
    [InlineData("ppm")]
    public void FindLoader_FormatOnlyAModuleReads_FindsNone(string format)
    {
        var content = format == "pdf"
            ? Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            : Encoding.ASCII.GetBytes("P3\n1 1\n255\n0 0 0\n");

        Assert.Null(VipsForeign.FindLoader(content));
    }

    [Fact]
    public void Set_UnknownEnumNick_ThrowsVipsException()
    {
        using var op = VipsOperation.Create("thumbnail_image");

        Assert.Throws<VipsException>(() => op.Set("size", "enormous"));
    }

    [Fact]
    public void Libvips814_ThumbnailBufferFailOnProperty_IsIgnoredForTruncatedJpeg()
    {
        var jpeg = TestImages.NoiseJpeg(256, 256);
        using var truncated = VipsBlobHandle.Copy(jpeg.AsSpan(0, jpeg.Length * 6 / 10));

        // With the property: "succeeds" (grey rows fill the missing part)...
        using (var op = VipsOperation.Create("thumbnail_buffer").Set("buffer", truncated).Set("width", 64).Set("fail_on", "truncated"))
        {
            op.Build();
            using var image = op.GetImage("out");
            using var pixels = image.CopyToMemory();
            Assert.Equal(64, pixels.Width);
        }

        // ...while the same request as an option string, which reaches the loader, fails.
        Assert.Throws<VipsException>(() =>
        {
            using var op = VipsOperation.Create("thumbnail_buffer").Set("buffer", truncated).Set("width", 64)
                .Set("option_string", "fail_on=truncated");
            op.Build();
            using var image = op.GetImage("out");
            using var pixels = image.CopyToMemory();
        });
    }

    [Fact]
    public void Libvips814_WebPSaveWithStrip_StillWritesExif()
    {
        using var plain = VipsImage.FromPixels(new byte[8 * 8 * 3], 8, 8, 3);

        var webp = TestImages.Save(plain, "webpsave_buffer", "strip");

        Assert.Contains("EXIF", TestImages.WebPChunks(webp));
        Assert.DoesNotContain("EXIF", TestImages.WebPChunks(WebPContainer.StripMetadata(webp)));
    }

    [Fact]
    public void Build_LoaderOnlySequential_ReadsHeaderWithoutDecoding()
    {
        using var bomb = VipsBlobHandle.Copy(TestImages.PngHeaderOnly(20000, 20000));
        LibvipsInfo.GetStatus();

        var clock = Stopwatch.StartNew();
        using var op = VipsOperation.Create("pngload_buffer").Set("buffer", bomb).Set("access", "sequential");
        op.Build();
        using var image = op.GetImage("out");
        clock.Stop();

        Assert.Equal((20000, 20000), (image.Width, image.Height));
        Assert.True(clock.ElapsedMilliseconds < 100, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void StripMetadata_WebPWithMetadataChunks_KeepsImageAndClearsFlags()
    {
        using var rgba = VipsImage.FromPixels(Enumerable.Repeat((byte)200, 16 * 16 * 4).ToArray(), 16, 16, 4);
        var webp = TestImages.Save(rgba, "webpsave_buffer");

        var stripped = WebPContainer.StripMetadata(webp);

        Assert.Equal(["VP8X", "ALPH", "VP8 "], TestImages.WebPChunks(stripped));
        Assert.Equal(0x10, stripped[20]); // VP8X flags: alpha only
        Assert.Equal(stripped.Length - 8, BitConverter.ToInt32(stripped, 4));
        var decoded = TestImages.Decode(stripped);
        Assert.Equal((16, 16, 4), (decoded.Width, decoded.Height, decoded.Bands));
    }

    [Theory]
    [InlineData(1, 10, 20)]
    [InlineData(2, 60, 20)]
    [InlineData(3, 60, 30)]
    [InlineData(4, 10, 30)]
    [InlineData(5, 20, 10)]
    [InlineData(6, 20, 40)]
    [InlineData(7, 50, 40)]
    [InlineData(8, 50, 10)]
    public void ToStored_UprightSquare_MapsToStoredTopLeft(int orientation, int expectedLeft, int expectedTop)
    {
        // Stored 100×80; the upright square (10, 20, 30) lands where the EXIF transform puts it.
        var (left, top) = LibvipsAvatarImageProcessor.ToStored(new CropRegion(10, 20, 30), orientation, 100, 80);

        Assert.Equal((expectedLeft, expectedTop), (left, top));
    }
}
