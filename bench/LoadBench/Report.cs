using System.Globalization;
using System.Text;

namespace LoadBench;

/// <summary>"kill" and "back" times of a node, as bench/load.sh wrote them (Unix seconds).</summary>
internal sealed record NodeEvents(DateTimeOffset? Kill, DateTimeOffset? Back)
{
    public static NodeEvents Read(string? path)
    {
        if (path is null || !File.Exists(path)) return new NodeEvents(null, null);
        DateTimeOffset? kill = null, back = null;
        foreach (var line in File.ReadAllLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) continue;
            var at = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            if (parts[0] == "kill") kill ??= at;
            else if (parts[0] == "back") back ??= at;
        }

        return new NodeEvents(kill, back);
    }
}

/// <summary>The run's figures as Markdown: requests and latency per kind, errors (in and outside the node-kill window),
/// a timeline, and the lost-writes check.</summary>
internal sealed class Report(
    LoadOptions options,
    Recorder recorder,
    IReadOnlyList<VirtualUser> people,
    IReadOnlyDictionary<VirtualUser, string?> stored,
    DateTimeOffset started,
    DateTimeOffset ended,
    NodeEvents events)
{
    /// <summary>After the killed node is back, nginx may still hold it out for its fail_timeout (10 s in cluster.sh) and
    /// its first requests are slow (JIT): errors up to this long after "back" still count as the kill's.</summary>
    private static readonly TimeSpan AfterBack = TimeSpan.FromSeconds(10);

    public bool Passed { get; private set; }

    private static string Ms(double value) => value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture);
    private double Offset(DateTimeOffset at) => (at - started).TotalSeconds;

    public string Write()
    {
        var text = new StringBuilder();
        var seconds = (ended - started).TotalSeconds;
        var measured = recorder.Samples.Where(s => s.Measured).ToList();
        var failures = recorder.Failures.OrderBy(f => f.Start).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"\n## LoadBench: {people.Count} people, {options.BaseUrl}, {started:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"\nMeasured phase {seconds:0.0} s: {measured.Count} requests, {measured.Count / seconds:0} requests/s; think time {options.Think.TotalMilliseconds:0} ms.");
        var actions = people.SelectMany(p => p.Actions).GroupBy(a => a.Key).Select(g => $"{g.Key} {g.Sum(a => a.Value)}");
        text.AppendLine("Actions: " + string.Join(", ", actions) + ".");

        text.AppendLine("\n| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in measured.GroupBy(s => s.Kind).OrderByDescending(g => g.Count()))
        {
            var times = kind.Select(s => s.Milliseconds).Order().ToArray();
            var errors = failures.Count(f => f.Measured && f.Kind == kind.Key);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Key} | {times.Length} | {errors} | {Ms(Percentile(times, 0.50))} | {Ms(Percentile(times, 0.95))} | {Ms(Percentile(times, 0.99))} | {Ms(times[^1])} |");
        }

        var all = measured.Select(s => s.Milliseconds).Order().ToArray();
        if (all.Length > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| **all** | {all.Length} | {failures.Count(f => f.Measured)} | {Ms(Percentile(all, 0.50))} | {Ms(Percentile(all, 0.95))} | {Ms(Percentile(all, 0.99))} | {Ms(all[^1])} |");
        }

        WriteErrors(text, failures);
        WriteTimeline(text, measured, failures);
        var lost = WriteLostWrites(text);
        Passed = failures.Count == 0 && lost == 0;
        return text.ToString();
    }

    /// <summary>username, last acknowledged title, titles saved after it whose outcome is unknown (|-separated), and the
    /// title read back through the app: for a second check in the database itself.</summary>
    public IEnumerable<string> TitleLines()
        => people.Select(p => string.Join('\t', p.UserName, Expected(p), string.Join('|', InDoubtAfterLastAcknowledged(p)), stored[p] ?? "(unreadable)"));

    private void WriteErrors(StringBuilder text, List<Failure> failures)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"\nErrors: {failures.Count} ({Count(failures, FailureKind.ServerError)} 5xx, {Count(failures, FailureKind.Transport)} transport, {Count(failures, FailureKind.Unexpected)} unexpected answers); outside the measured phase (sign-in, read-back): {failures.Count(f => !f.Measured)}.");
        if (events.Kill is { } kill)
        {
            var windowEnd = (events.Back ?? kill.AddSeconds(30)) + AfterBack;
            var inWindow = failures.Where(f => f.End >= kill && f.Start <= windowEnd).ToList();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Node killed at +{Offset(kill):0.0} s; {(events.Back is { } back ? $"healthy again at +{Offset(back):0.0} s ({(back - kill).TotalSeconds:0.0} s later)" : "not seen back")}.");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Kill window (+{Offset(kill):0.0} s to +{Offset(windowEnd):0.0} s): {inWindow.Count} errors ({Count(inWindow, FailureKind.ServerError)} 5xx, {Count(inWindow, FailureKind.Transport)} transport, {Count(inWindow, FailureKind.Unexpected)} unexpected); outside it: {failures.Count - inWindow.Count}.");
            var signedOutAfter = failures.Count(f => f.Start >= kill && f.What.Contains("(signed out)", StringComparison.Ordinal));
            text.AppendLine(CultureInfo.InvariantCulture, $"Signed out unexpectedly after the kill (a session that stopped working): {signedOutAfter}.");
        }

        if (failures.Count == 0) return;
        text.AppendLine("\n| at (s) | request | error | what | person |\n| ---: | --- | --- | --- | --- |");
        foreach (var f in failures.Take(60))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {Offset(f.Start):0.00} | {f.Kind} | {f.Why} | {f.What.Replace('|', '/')} | {f.User} |");
        }

        if (failures.Count > 60) text.AppendLine(CultureInfo.InvariantCulture, $"| | ... {failures.Count - 60} more | | | |");
    }

    private void WriteTimeline(StringBuilder text, List<Sample> measured, List<Failure> failures)
    {
        const int Bucket = 5;
        text.AppendLine(CultureInfo.InvariantCulture, $"\nTimeline ({Bucket} s buckets by request start): requests/s, errors");
        var line = new StringBuilder();
        for (var from = 0; from < (ended - started).TotalSeconds; from += Bucket)
        {
            var requests = measured.Count(s => Offset(s.Start) >= from && Offset(s.Start) < from + Bucket);
            var errors = failures.Count(f => f.Measured && Offset(f.Start) >= from && Offset(f.Start) < from + Bucket);
            line.Append(CultureInfo.InvariantCulture, $"{from}s: {requests / (double)Bucket:0}/s{(errors > 0 ? $" ({errors} errors)" : "")}; ");
        }

        text.AppendLine(line.ToString().TrimEnd(' ', ';'));
    }

    /// <summary>Every person's stored title must be their last acknowledged save. A save whose answer was lost (node
    /// killed, 5xx) after the last acknowledged one may have been stored or not: either is correct, and it is listed.</summary>
    private int WriteLostWrites(StringBuilder text)
    {
        var acknowledged = people.Sum(p => p.Saves.Count(s => s.Outcome == SaveOutcome.Acknowledged));
        var inDoubt = people.Sum(p => p.Saves.Count(s => s.Outcome == SaveOutcome.InDoubt));
        var refused = people.Sum(p => p.Saves.Count(s => s.Outcome == SaveOutcome.Refused));
        var lost = new List<string>();
        var unreadable = new List<string>();
        var inDoubtStored = new List<string>();
        foreach (var person in people)
        {
            var now = stored[person];
            if (now is null) unreadable.Add(person.UserName);
            else if (now == Expected(person)) continue;
            else if (InDoubtAfterLastAcknowledged(person).Contains(now)) inDoubtStored.Add($"{person.UserName} has \"{now}\", a save whose answer was lost, made after the last acknowledged one ({Shown(Expected(person))})");
            else lost.Add($"{person.UserName}: stored {Shown(now)}, last acknowledged {Shown(Expected(person))}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"\nSaves: {acknowledged} acknowledged, {inDoubt} in doubt (no answer or 5xx), {refused} refused.");
        text.AppendLine(lost.Count == 0 && unreadable.Count == 0
            ? $"Lost-writes check: **0 lost writes** ({people.Count} people, each stored title read back through the profile page)."
            : $"Lost-writes check: **{lost.Count} lost writes**, {unreadable.Count} people whose title could not be read back.");
        foreach (var entry in lost) text.AppendLine("- lost: " + entry);
        foreach (var entry in unreadable) text.AppendLine("- unreadable: " + entry);
        foreach (var entry in inDoubtStored) text.AppendLine("- not lost, in doubt and stored: " + entry);
        return lost.Count + unreadable.Count;
    }

    private static string Shown(string title) => title.Length == 0 ? "(empty title)" : $"\"{title}\"";

    private static string Expected(VirtualUser person)
        => person.Saves.LastOrDefault(s => s.Outcome == SaveOutcome.Acknowledged)?.Title ?? person.InitialTitle ?? "";

    private static IEnumerable<string> InDoubtAfterLastAcknowledged(VirtualUser person)
    {
        var last = person.Saves.ToList().FindLastIndex(s => s.Outcome == SaveOutcome.Acknowledged);
        return person.Saves.Skip(last + 1).Where(s => s.Outcome == SaveOutcome.InDoubt).Select(s => s.Title);
    }

    private static int Count(IEnumerable<Failure> failures, FailureKind why) => failures.Count(f => f.Why == why);

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
