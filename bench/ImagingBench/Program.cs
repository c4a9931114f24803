using System.Diagnostics;
using System.Globalization;
using ProfilePortal.Imaging;

// Measures the avatar pipeline in-process: ms per image and peak resident memory.
// Usage: ImagingBench <input image> [iterations=20] [sizes=512] [threads=1] [phases]
// "phases" adds where the time goes for a JPEG: decode (shrink-on-load, centre square), resize, encode.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: ImagingBench <input image> [iterations=20] [sizes=512,128] [threads=1] [phases]");
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

if (args.Length > 4 && args[4] == "phases")
{
    Phases(input, iterations);
}

return 0;

// The pipeline's steps one by one on NetVips (same settings: the processor has started libvips),
// each forced to finish with copy_memory so that its time is its own.
static void Phases(byte[] input, int iterations)
{
    double decode = 0, resize = 0, encode = 0, small = 0;
    for (var i = 0; i < iterations; i++)
    {
        var clock = Stopwatch.StartNew();
        using var loaded = NetVips.Image.NewFromBuffer(
            input, access: NetVips.Enums.Access.Sequential, kwargs: new NetVips.VOption { { "shrink", 4 } });
        var side = Math.Min(loaded.Width, loaded.Height);
        using var square = loaded.ExtractArea((loaded.Width - side) / 2, (loaded.Height - side) / 2, side, side);
        using var decoded = square.CopyMemory();
        decode += clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        using var thumbnail = decoded.ThumbnailImage(512, height: 512, size: NetVips.Enums.Size.Force, noRotate: true);
        using var resized = thumbnail.CopyMemory();
        resize += clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        resized.WebpsaveBuffer(q: 82, keep: NetVips.Enums.ForeignKeep.None);
        encode += clock.Elapsed.TotalMilliseconds;

        clock.Restart();
        using var thumbnail128 = resized.ThumbnailImage(128, height: 128, size: NetVips.Enums.Size.Force, noRotate: true);
        thumbnail128.WebpsaveBuffer(q: 82, keep: NetVips.Enums.ForeignKeep.None);
        small += clock.Elapsed.TotalMilliseconds;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"phases, mean ms: decode at 1/4 + centre square {decode / iterations:0.0}; resize to 512 {resize / iterations:0.0}; WebP encode 512 {encode / iterations:0.0}; resize + encode 128 {small / iterations:0.0}"));
}
