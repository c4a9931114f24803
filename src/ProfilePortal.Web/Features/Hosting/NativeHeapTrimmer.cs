using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>How the node looks after the memory the C library's allocator holds (<see cref="NativeHeap"/>).</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary>
    /// How often freed native memory is given back to the operating system; zero turns it off. Each trim took 2-8 ms of
    /// one thread on a node under load (about 0.05 % of a core at this interval), and gave back 0.4-12 MB; trimming
    /// every minute instead left a node 10 MB larger under load, as the freed memory builds up again between trims.
    /// </summary>
    public TimeSpan NativeHeapTrimInterval { get; set; } = TimeSpan.FromSeconds(10);
}

public static class MemorySetup
{
    /// <summary>The trimmer, on <see cref="MemoryOptions.NativeHeapTrimInterval"/>.</summary>
    public static WebApplicationBuilder AddPortalMemory(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemoryOptions>()
            .Bind(builder.Configuration.GetSection(MemoryOptions.Section))
            .Validate(o => o.NativeHeapTrimInterval >= TimeSpan.Zero,
                "Memory:NativeHeapTrimInterval must be a duration such as 00:01:00, or 00:00:00 to turn trimming off.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NativeHeapTrimmer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NativeHeapTrimmer>());
        return builder;
    }
}

/// <summary>
/// Gives the native heap's freed memory back to the operating system at every <see cref="MemoryOptions.NativeHeapTrimInterval"/>:
/// glibc keeps it otherwise, so a node's resident memory stays at the high-water mark of its start-up and warm-up.
/// </summary>
public sealed partial class NativeHeapTrimmer(TimeProvider clock, IOptions<MemoryOptions> options, ILogger<NativeHeapTrimmer> logger)
    : BackgroundService
{
    private long _trims;
    private PeriodicTimer? _timer;

    /// <summary>How many times the heap has been trimmed since start.</summary>
    public long Trims => Interlocked.Read(ref _trims);

    /// <summary>
    /// Starts the interval when the host starts: ExecuteAsync runs on a thread of its own, later, and an interval begun
    /// there would not count from the start.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.NativeHeapTrimInterval;
        if (interval > TimeSpan.Zero && NativeHeap.IsGlibc) _timer = new PeriodicTimer(interval, clock);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is not { } timer) return;
        using (timer)
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) TrimNow();
        }
    }

    /// <summary>Trims once and logs what it gave back (the change in resident memory, which other threads also move).</summary>
    public void TrimNow()
    {
        // The resident size is read (twice, from /proc) only for the Debug log.
        var measured = logger.IsEnabled(LogLevel.Debug);
        var before = measured ? NativeHeap.ResidentBytes() : null;
        var started = Stopwatch.GetTimestamp();
        var released = NativeHeap.Trim();
        var elapsed = Stopwatch.GetElapsedTime(started);
        Interlocked.Increment(ref _trims);
        if (released && before is { } b && NativeHeap.ResidentBytes() is { } after)
            LogTrimmed(logger, (b - after) / (1024.0 * 1024.0), elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Gave {Megabytes:F1} MB of freed native memory back to the operating system in {Milliseconds:F2} ms")]
    private static partial void LogTrimmed(ILogger logger, double megabytes, double milliseconds);
}
