using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Tests.Features.Hosting;

/// <summary>
/// The native heap's freed memory given back to the operating system (glibc keeps it otherwise). The suite runs on a
/// glibc Linux, so these assert that the trim really happens there.
/// </summary>
[Collection(nameof(ResidentMemoryMeasurements))]
public class NativeHeapTests
{
    private const int BlockSize = 16 * 1024; // below glibc's mmap threshold: these come from the heap
    private const int Blocks = 8 * 1024;     // 128 MB

    [Fact]
    public void Trim_GivesTheFreedMiddleOfTheHeapBack_WhichFreeAloneDoesNot()
    {
        Assert.True(NativeHeap.IsGlibc, "the test machine allocates through glibc");
        var ones = Enumerable.Repeat((byte)1, BlockSize).ToArray();
        var blocks = new nint[Blocks];
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockSize); // malloc on Linux
            Marshal.Copy(ones, 0, blocks[i], BlockSize); // resident, not just reserved
        }

        // Every eighth block stays allocated, so no free run reaches the top of the heap, where free() would trim by itself.
        var allocated = NativeHeap.ResidentBytes()!.Value;
        for (var i = 0; i < Blocks; i++)
        {
            if (i % 8 != 7) Marshal.FreeHGlobal(blocks[i]);
        }
        var afterFree = NativeHeap.ResidentBytes()!.Value;
        Assert.True(NativeHeap.Trim());
        var afterTrim = NativeHeap.ResidentBytes()!.Value;
        for (var i = 7; i < Blocks; i += 8) Marshal.FreeHGlobal(blocks[i]);

        const long freed = (long)BlockSize * Blocks / 8 * 7; // 112 MB
        Assert.True(allocated - afterFree < freed / 4, $"free alone gave back {(allocated - afterFree) >> 20} MB of {freed >> 20}");
        Assert.True(afterFree - afterTrim > freed * 3 / 4, $"the trim gave back {(afterFree - afterTrim) >> 20} MB of {freed >> 20}");
    }

    [Fact]
    public void TrimNow_LogsWhatItGaveBack_AtDebug()
    {
        var logger = new FakeLogger<NativeHeapTrimmer>();
        var trimmer = new NativeHeapTrimmer(TimeProvider.System, Options.Create(new MemoryOptions()), logger);
        var blocks = Enumerable.Range(0, 1024).Select(_ => Marshal.AllocHGlobal(BlockSize)).ToList();
        for (var i = 0; i < blocks.Count; i++)
        {
            Marshal.Copy(new byte[BlockSize], 0, blocks[i], BlockSize);
        }
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i % 8 != 7) Marshal.FreeHGlobal(blocks[i]);
        }

        trimmer.TrimNow();
        for (var i = 7; i < blocks.Count; i += 8) Marshal.FreeHGlobal(blocks[i]);

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Debug, record.Level);
        Assert.NotNull(record.Property("Megabytes"));
        Assert.NotNull(record.Property("Milliseconds"));
        Assert.Equal(1, trimmer.Trims);
    }

    [Fact]
    public async Task Trimmer_TrimsAtEveryInterval_OnTheAppsClock()
    {
        await using var factory = new PortalFactory();
        _ = factory.Server;
        var trimmer = factory.Services.GetRequiredService<NativeHeapTrimmer>();
        Assert.Equal(0, trimmer.Trims);

        var interval = new MemoryOptions().NativeHeapTrimInterval;
        factory.Clock.Advance(interval);
        await Eventually.TrueAsync(() => trimmer.Trims == 1, "the first trim, an interval after start");
        factory.Clock.Advance(interval);
        await Eventually.TrueAsync(() => trimmer.Trims == 2, "the second trim, an interval later");
    }

    [Fact]
    public async Task Trimmer_IntervalZero_NeverTrims()
    {
        await using var factory = new TrimOffFactory();
        _ = factory.Server;
        var trimmer = factory.Services.GetRequiredService<NativeHeapTrimmer>();

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, trimmer.Trims);
    }

    [Fact]
    public async Task NegativeInterval_RefusedAtStart_WithTheSettingNamed()
    {
        await using var factory = new NegativeIntervalFactory();
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Memory:NativeHeapTrimInterval", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class TrimOffFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Memory:NativeHeapTrimInterval"] = "00:00:00" };
    }

    private sealed class NegativeIntervalFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Memory:NativeHeapTrimInterval"] = "-00:00:01" };
    }
}

/// <summary>Tests that measure the whole test process's resident memory run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(ResidentMemoryMeasurements), DisableParallelization = true)]
public sealed class ResidentMemoryMeasurements;
