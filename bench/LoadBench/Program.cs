// Load generator for bench/load.sh (see bench/README.md): signed-in virtual users, each with its own seeded account and
// cookie jar, mixing page reads, profile saves, avatar uploads, token creation and session ends for a fixed time; then
// the lost-writes check (each person's stored title against their last acknowledged save) and a report.
//
//   LOADBENCH_PASSWORD=... LoadBench --url http://127.0.0.1:8080 --out DIR [--users 64] [--duration 60]
//       [--user-prefix demo-] [--think-ms 0] [--seed 12] [--started-file F] [--events-file F]
//
// Exit code 0 when there was no error and no lost write, 1 otherwise, 2 on bad arguments.
using System.Globalization;
using LoadBench;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
{
    Console.Error.WriteLine("LoadBench: " + e.Message);
    return 2;
}

Directory.CreateDirectory(options.OutputDirectory);
var recorder = new Recorder();
var people = Enumerable.Range(0, options.Users)
    .Select(i => new VirtualUser(i, string.Create(CultureInfo.InvariantCulture, $"{options.UserNamePrefix}{i:D6}"), options, recorder))
    .ToList();
try
{
    // Sign-ins first, 8 at a time (each is a PBKDF2 verification, about 100 ms of CPU): not part of the measured mix.
    Console.WriteLine($"Signing in {people.Count} people at {options.BaseUrl}...");
    var signInClock = System.Diagnostics.Stopwatch.StartNew();
    var signedIn = new bool[people.Count];
    await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
        async (i, _) => signedIn[i] = await people[i].SignInAsync());
    var active = people.Where((_, i) => signedIn[i]).ToList();
    Console.WriteLine($"{active.Count} of {people.Count} signed in, in {signInClock.Elapsed.TotalSeconds:0.0} s.");

    recorder.Measuring = true;
    var started = DateTimeOffset.UtcNow;
    if (options.StartedFile is not null)
    {
        await File.WriteAllTextAsync(options.StartedFile, (started.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + "\n");
    }

    Console.WriteLine($"Measured phase: {options.Duration.TotalSeconds:0} s from {started:HH:mm:ss} UTC...");
    await Task.WhenAll(active.Select(p => Task.Run(() => p.RunAsync(started + options.Duration))));
    var ended = DateTimeOffset.UtcNow;
    recorder.Measuring = false;

    var stored = new Dictionary<VirtualUser, string?>();
    foreach (var person in people) stored[person] = await person.ReadStoredTitleAsync();

    var report = new Report(options, recorder, people, stored, started, ended, NodeEvents.Read(options.EventsFile));
    var text = report.Write();
    Console.Write(text);
    await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "report.md"), text);
    await File.WriteAllLinesAsync(Path.Combine(options.OutputDirectory, "titles.tsv"), report.TitleLines());
    return report.Passed ? 0 : 1;
}
finally
{
    foreach (var person in people) person.Dispose();
}
