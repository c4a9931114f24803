using System.Diagnostics;

namespace ProfilePortal.Imaging.Tests;

[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsDefinition;

/// <summary>Native leaks do not show in the GC heap, so these watch the process's resident memory.</summary>
[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [Fact]
    public void Process_ThousandTimes_ResidentMemoryStaysFlat()
    {
        var processor = new LibvipsAvatarImageProcessor();
        var input = TestImages.WithExifAndXmp(TestImages.Quadrants(96, 64, "jpegsave_buffer"), orientation: 6);
        for (var i = 0; i < 100; i++)
        {
            Assert.True(processor.Process(input, sizes: [128, 64]).Succeeded);
        }

        var afterWarmUp = ResidentBytes();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 1000; i++)
        {
            var result = processor.Process(input, sizes: [128, 64]);
            Assert.True(result.Succeeded);
        }

        clock.Stop();
        var growth = ResidentBytes() - afterWarmUp;

        Assert.True(growth < 64L * 1024 * 1024, $"RSS grew {growth / (1024 * 1024.0):0.0} MB over 1,000 runs ({clock.ElapsedMilliseconds} ms)");
    }

    [Fact]
    public void Process_ThousandRefusals_ResidentMemoryStaysFlat()
    {
        // Failure paths (truncated data fails deep inside libvips) must release everything too.
        var processor = new LibvipsAvatarImageProcessor();
        var jpeg = TestImages.NoiseJpeg(64, 64);
        var truncated = jpeg[..(jpeg.Length / 2)];
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(AvatarFailureReason.Corrupt, processor.Process(truncated, sizes: [64]).Failure);
        }

        var afterWarmUp = ResidentBytes();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(AvatarFailureReason.Corrupt, processor.Process(truncated, sizes: [64]).Failure);
        }

        var growth = ResidentBytes() - afterWarmUp;
        Assert.True(growth < 64L * 1024 * 1024, $"RSS grew {growth / (1024 * 1024.0):0.0} MB over 1,000 refusals");
    }

    /// <summary>VmRSS from /proc/self/status, after a full GC so managed garbage does not count.</summary>
    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
