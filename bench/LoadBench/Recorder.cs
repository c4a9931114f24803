using System.Collections.Concurrent;

namespace LoadBench;

/// <summary>Why a request counts as an error.</summary>
internal enum FailureKind
{
    /// <summary>No HTTP answer: connection refused or reset, or no answer within the client's timeout.</summary>
    Transport,

    /// <summary>An answer with a 5xx status (from the app, or nginx's 502/504 when a node dies mid-request).</summary>
    ServerError,

    /// <summary>An answer, but not the one a working portal gives (signed out, a refused form, a missing message...).</summary>
    Unexpected,
}

internal sealed record Sample(string Kind, DateTimeOffset Start, double Milliseconds, bool Measured);

internal sealed record Failure(string Kind, DateTimeOffset Start, DateTimeOffset End, FailureKind Why, string What, string User, bool Measured);

/// <summary>Every request's time and every failure, from all virtual users at once.</summary>
internal sealed class Recorder
{
    private readonly ConcurrentQueue<Sample> _samples = new();
    private readonly ConcurrentQueue<Failure> _failures = new();

    /// <summary>False during the sign-ins before the measured phase and the read-back after it.</summary>
    public bool Measuring { get; set; }

    public IReadOnlyCollection<Sample> Samples => _samples;
    public IReadOnlyCollection<Failure> Failures => _failures;

    public void Record(string kind, DateTimeOffset start, TimeSpan elapsed) => _samples.Enqueue(new Sample(kind, start, elapsed.TotalMilliseconds, Measuring));

    public void Fail(string kind, DateTimeOffset start, FailureKind why, string what, string user)
        => _failures.Enqueue(new Failure(kind, start, DateTimeOffset.UtcNow, why, what, user, Measuring));
}
