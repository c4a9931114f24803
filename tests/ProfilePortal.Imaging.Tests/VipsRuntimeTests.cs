using System.Diagnostics;
using System.Text;
using NetVips;

namespace ProfilePortal.Imaging.Tests;

/// <summary>
/// The process-wide libvips settings (bundled library, loaders blocked, cache off) and the
/// libvips behaviours the pipeline relies on.
/// </summary>
public class VipsRuntimeTests
{
    private const string NotAnImage = "The file is not a JPEG, PNG, WebP or GIF image.";

    private static readonly byte[] Svg =
        Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\"/></svg>");

    private static readonly byte[] Pdf =
        Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public void Startup_UsesBundledLibvipsWithNoModulesAndNoSystemSqlite()
    {
        new LibvipsAvatarImageProcessor().Process(TestImages.Quadrants(32, 32, "pngsave_buffer"));

        var mapped = File.ReadAllLines("/proc/self/maps").Select(line => line.Split(' ').Last()).Distinct().ToList();
        Assert.DoesNotContain(mapped, path => path.Contains("vips-modules", StringComparison.Ordinal));
        Assert.DoesNotContain(mapped, path => path.Contains("/libsqlite3.so", StringComparison.Ordinal));
        // NetVips.Native's copy, next to the test assembly or in the NuGet cache, never Debian's libvips42.
        var libvips = Assert.Single(mapped, path => path.EndsWith("/libvips.so.42", StringComparison.Ordinal));
        Assert.DoesNotContain("/usr/lib", libvips, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_CacheOffAndOneWorkerPerImage()
    {
        LibvipsInfo.GetStatus();

        Assert.Equal(0, Cache.Max);
        Assert.Equal(0UL, Cache.MaxMem);
        Assert.Equal(0, Cache.MaxFiles);
        Assert.Equal(1, NetVips.NetVips.Concurrency);
    }

    [Fact]
    public void FindLoader_AllowedFormats_ReturnsTheirBufferLoaders()
    {
        Assert.Equal("VipsForeignLoadJpegBuffer", LibvipsAvatarImageProcessor.FindLoader(TestImages.Quadrants(8, 8, "jpegsave_buffer")));
        Assert.Equal("VipsForeignLoadPngBuffer", LibvipsAvatarImageProcessor.FindLoader(TestImages.Quadrants(8, 8, "pngsave_buffer")));
        Assert.Equal("VipsForeignLoadWebpBuffer", LibvipsAvatarImageProcessor.FindLoader(TestImages.Quadrants(8, 8, "webpsave_buffer")));
        Assert.Equal("VipsForeignLoadNsgifBuffer", LibvipsAvatarImageProcessor.FindLoader(TestImages.Quadrants(8, 8, "gifsave_buffer")));
    }

    [Theory]
    [InlineData("svg", "svgload_buffer")]
    [InlineData("tiff", "tiffload_buffer")]
    public void Load_BundledLoaderOtherThanJpegPngWebPGif_FailsAsBlocked(string format, string loader)
    {
        var content = format == "svg" ? Svg : TestImages.Quadrants(8, 8, "tiffsave_buffer");

        // NetVips.Native bundles these loaders; blocking is what keeps them out of reach.
        var error = Assert.Throws<VipsException>(() =>
        {
            using var image = (Image)Operation.Call(loader, new VOption(), content);
        });
        Assert.Contains("operation is blocked", error.Message, StringComparison.Ordinal);
        Assert.Null(LibvipsAvatarImageProcessor.FindLoader(content));
    }

    [Theory]
    [InlineData("svg")]
    [InlineData("tiff")]
    [InlineData("pdf")]
    public void Process_SvgTiffOrPdf_RefusedAsNotAnImage(string format)
    {
        var content = format switch
        {
            "svg" => Svg,
            "tiff" => TestImages.Quadrants(8, 8, "tiffsave_buffer"),
            _ => Pdf,
        };

        var result = new LibvipsAvatarImageProcessor().Process(content);

        ImagingAssert.Refused(result, AvatarFailureReason.UnsupportedFormat);
        Assert.Equal(NotAnImage, result.Message);
    }

    // NetVips.Native has no PDF loader at all (no poppler or PDFium), and the rest are blocked.
    [Fact]
    public void FindLoader_Pdf_FindsNone() => Assert.Null(LibvipsAvatarImageProcessor.FindLoader(Pdf));

    [Fact]
    public void Load_HeaderOnlySequential_ReadsHeaderWithoutDecoding()
    {
        var bomb = TestImages.PngHeaderOnly(20000, 20000);
        LibvipsInfo.GetStatus();

        var clock = Stopwatch.StartNew();
        using var image = (Image)Operation.Call("pngload_buffer", new VOption { { "access", Enums.Access.Sequential } }, bomb);
        clock.Stop();

        Assert.Equal((20000, 20000), (image.Width, image.Height));
        Assert.True(clock.ElapsedMilliseconds < 100, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void WebPSave_KeepNone_WritesNoMetadataChunks()
    {
        // libvips 8.14's webpsave wrote an EXIF chunk even with strip; 8.18 with keep=none writes none,
        // so the pipeline no longer cleans the container afterwards.
        var jpeg = TestImages.WithExifAndXmp(TestImages.Quadrants(16, 16, "jpegsave_buffer"), orientation: 6);
        using var withMetadata = Image.NewFromBuffer(jpeg);
        Assert.True(withMetadata.Contains("exif-data"));

        var webp = withMetadata.WebpsaveBuffer(keep: Enums.ForeignKeep.None);

        Assert.Equal(["VP8 "], TestImages.WebPChunks(webp));
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
