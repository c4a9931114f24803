using System.Diagnostics;
using System.Globalization;
using ProfilePortal.Imaging;

// Measures the avatar pipeline in-process: ms per image and peak resident memory.
// Usage: ImagingBench <input image> [iterations=20] [sizes=512] [threads=1]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ImagingBench <input image> [iterations=20] [sizes=512,128] [threads=1]");
    return 2;
}

var input = File.ReadAllBytes(args[0]);
var iterations = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
int[] sizes = args.Length > 2 ? [.. args[2].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [512];
var threads = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
var processor = new LibvipsAvatarImageProcessor();
var status = processor.GetStatus();
Console.WriteLine($"engine: {status.Engine} {status.Version} (available: {status.Available})");
Console.WriteLine($"input: {args[0]}, {input.Length:N0} bytes; sizes {string.Join(",", sizes)}; {iterations} iterations on {threads} thread(s)");

var first = processor.Process(input, sizes: sizes); // warm-up (starts libvips)
if (!first.Succeeded)
{
    Console.Error.WriteLine($"refused: {first.Failure}: {first.Message} ({first.Diagnostic})");
    return 1;
}

Console.WriteLine($"source: {first.Source}; output bytes: {string.Join(", ", first.Images.Select(i => $"{i.Size}px {i.Data.Length:N0}"))}");

var timings = new double[iterations];
var wall = Stopwatch.StartNew();
Parallel.For(0, iterations, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
{
    var clock = Stopwatch.StartNew();
    var result = processor.Process(input, sizes: sizes);
    timings[i] = clock.Elapsed.TotalMilliseconds;
    if (!result.Succeeded)
    {
        throw new InvalidOperationException(result.Message);
    }
});
wall.Stop();

Array.Sort(timings);
static string Status(string key) =>
    File.ReadLines("/proc/self/status").Single(l => l.StartsWith(key + ":", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ms per image: median {timings[iterations / 2]:0.0}, mean {timings.Average():0.0}, min {timings[0]:0.0}, max {timings[^1]:0.0}; throughput {iterations / wall.Elapsed.TotalSeconds:0.0} images/s"));
Console.WriteLine($"peak RSS (VmHWM): {Status("VmHWM")}; RSS now: {Status("VmRSS")}; MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "(unset)"}");
return 0;
