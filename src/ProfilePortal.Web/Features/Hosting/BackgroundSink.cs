using System.Collections.Concurrent;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// Writes log events to the wrapped sinks (console, file) from a thread of its own, in batches: the thread wakes when
/// <see cref="BatchSize"/> events are waiting, or after <see cref="Period"/> for the last few, so a request never waits
/// for a console or a disk. Serilog.Sinks.Async did the same per event: its writer blocked on a semaphore between
/// events, so every request's event woke it, and it spun before sleeping again, about 7 % of the process's CPU under
/// load (docs/benchmarks.md). Here a request's cost is one lock-free enqueue, and one wake per batch. The batch is
/// small so that events leave memory within milliseconds under load, before the GC would promote them to an older
/// generation. When more than the queue limit wait (a stuck console), new events are dropped and counted, never
/// blocking a request; the count goes to Serilog's self log. Disposing (the host stopping) writes what is still queued.
/// </summary>
public sealed class BackgroundSink : ILogEventSink, IDisposable
{
    public const int BatchSize = 32;
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly ILogEventSink _target;
    private readonly int _queueLimit;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    // No spinning before sleeping: the writer waits for a batch or a period.
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly Thread _writer;
    private int _queued;
    private long _dropped;
    private int _disposed;

    public BackgroundSink(ILogEventSink target, int queueLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueLimit, 1);
        _target = target;
        _queueLimit = queueLimit;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "Serilog background sink" };
        _writer.Start();
    }

    /// <summary>Events dropped because the queue was full (also reported to Serilog's self log).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Emit(LogEvent logEvent)
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        var queued = Interlocked.Increment(ref _queued);
        if (queued > _queueLimit)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _queue.Enqueue(logEvent);
        if (queued == BatchSize) _wake.Set();
    }

    private void WriteLoop()
    {
        long reported = 0;
        while (Volatile.Read(ref _disposed) == 0)
        {
            _wake.Wait(Period);
            _wake.Reset();
            WriteQueued();
            reported = ReportDropped(reported);
        }
        // Dispose has signalled: write what is left.
        WriteQueued();
        ReportDropped(reported);
    }

    private void WriteQueued()
    {
        while (_queue.TryDequeue(out var logEvent))
        {
            Interlocked.Decrement(ref _queued);
            try
            {
                _target.Emit(logEvent);
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("BackgroundSink: the wrapped sink failed to write an event: {0}", ex);
            }
        }
    }

    private long ReportDropped(long reported)
    {
        var dropped = Dropped;
        if (dropped != reported) SelfLog.WriteLine("BackgroundSink: {0} events dropped because the queue was full ({1} events)", dropped - reported, _queueLimit);
        return dropped;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _wake.Set();
        _writer.Join();
        // _wake is not disposed: a request thread may still Set it while the host stops (it holds no kernel handle).
        (_target as IDisposable)?.Dispose();
    }
}

public static class BackgroundSinkConfiguration
{
    /// <summary>
    /// <c>WriteTo.Background(configure)</c>, in appsettings <c>"Name": "Background"</c> with the wrapped sink under
    /// <c>"configure"</c>: the sinks configured there are written from a background thread (<see cref="BackgroundSink"/>).
    /// </summary>
    public static LoggerConfiguration Background(this LoggerSinkConfiguration loggerSinkConfiguration,
        Action<LoggerSinkConfiguration> configure, int queueLimit = 10000)
        => loggerSinkConfiguration.Sink(LoggerSinkConfiguration.Wrap(target => new BackgroundSink(target, queueLimit), configure));
}
