using ProfilePortal.Web.Features.Hosting;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace ProfilePortal.Tests.Features.Hosting;

/// <summary>The sink wrapper that writes the console and file logs from a thread of its own.</summary>
public class BackgroundSinkTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Emit_WhileTheTargetIsStuck_ReturnsAndTheEventsAreWrittenInOrderLater()
    {
        using var target = new GatedSink();
        var sink = new BackgroundSink(target, queueLimit: 100);

        // The target is closed: had Emit written synchronously, the first call would never return.
        for (var i = 0; i < 5; i++) sink.Emit(Event(i));
        Assert.True(target.Entered.Wait(Patience), "the background thread never reached the target");

        target.Open();
        sink.Dispose();
        Assert.Equal([0, 1, 2, 3, 4], target.Numbers);
        Assert.True(target.Disposed);
    }

    [Fact]
    public void Dispose_WritesEverythingStillQueued()
    {
        var target = new GatedSink();
        target.Open();
        var sink = new BackgroundSink(target, queueLimit: 1000);

        for (var i = 0; i < 500; i++) sink.Emit(Event(i));
        sink.Dispose();

        Assert.Equal(Enumerable.Range(0, 500), target.Numbers);
        sink.Emit(Event(500));
        Assert.Equal(500, target.Numbers.Count);
    }

    [Fact]
    public void Emit_QueueFull_DropsAndCountsNewEventsInsteadOfBlocking()
    {
        using var target = new GatedSink();
        var sink = new BackgroundSink(target, queueLimit: 2);
        sink.Emit(Event(0));
        // Event 0 left the queue and is held by the stuck target: two places are free.
        Assert.True(target.Entered.Wait(Patience), "the background thread never reached the target");

        sink.Emit(Event(1));
        sink.Emit(Event(2));
        sink.Emit(Event(3));

        Assert.Equal(1, sink.Dropped);
        target.Open();
        sink.Dispose();
        Assert.Equal([0, 1, 2], target.Numbers);
    }

    [Fact]
    public void Emit_TargetThrows_LaterEventsAreStillWritten()
    {
        var target = new GatedSink { FailOn = 1 };
        target.Open();
        var sink = new BackgroundSink(target, queueLimit: 10);

        for (var i = 0; i < 3; i++) sink.Emit(Event(i));
        sink.Dispose();

        Assert.Equal([0, 2], target.Numbers);
    }

    private static LogEvent Event(int number)
        => new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Event {Number}"),
            [new LogEventProperty("Number", new ScalarValue(number))]);

    /// <summary>Records the events' numbers; blocks every write until opened.</summary>
    private sealed class GatedSink : ILogEventSink, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();
        private readonly List<int> _numbers = [];

        public ManualResetEventSlim Entered { get; } = new();
        public int? FailOn { get; init; }
        public bool Disposed { get; private set; }

        public List<int> Numbers
        {
            get { lock (_numbers) return [.. _numbers]; }
        }

        public void Open() => _gate.Set();

        public void Emit(LogEvent logEvent)
        {
            Entered.Set();
            _gate.Wait();
            var number = (int)((ScalarValue)logEvent.Properties["Number"]).Value!;
            if (number == FailOn) throw new IOException("disk full");
            lock (_numbers) _numbers.Add(number);
        }

        public void Dispose()
        {
            Disposed = true;
            _gate.Set();
        }
    }
}
