using System.Globalization;

namespace LoadBench;

/// <summary>What one run does; parsed from the command line (bench/load.sh passes them).</summary>
internal sealed record LoadOptions
{
    public required Uri BaseUrl { get; init; }
    public int Users { get; init; } = 64;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The seeded people are "demo-000000", "demo-000001", ... (DatabaseSeeder.BulkUserNamePrefix, Seed:DemoUsers).</summary>
    public string UserNamePrefix { get; init; } = "demo-";

    /// <summary>The password all seeded people share; read from the environment so it is on no command line.</summary>
    public required string Password { get; init; }

    /// <summary>Where the report and titles.tsv (each person's last acknowledged title, for a check in the database) go.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Written with the Unix time when the measured phase starts (after every person signed in), so the
    /// script can time the node kill from it.</summary>
    public string? StartedFile { get; init; }

    /// <summary>Lines "kill &lt;unix seconds&gt;" and "back &lt;unix seconds&gt;" the script writes; read for the report.</summary>
    public string? EventsFile { get; init; }

    /// <summary>Pause between two actions of one person (0: each person acts again at once, a stress test).</summary>
    public TimeSpan Think { get; init; } = TimeSpan.Zero;

    public int Seed { get; init; } = 12;

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string? Get(string name) => values.Remove(name, out var value) ? value : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        var password = Environment.GetEnvironmentVariable("LOADBENCH_PASSWORD");
        var options = new LoadOptions
        {
            BaseUrl = new Uri(Get("url") ?? throw new ArgumentException("--url is required")),
            Users = Int("users", 64),
            Duration = TimeSpan.FromSeconds(Int("duration", 60)),
            UserNamePrefix = Get("user-prefix") ?? "demo-",
            Password = string.IsNullOrEmpty(password) ? throw new ArgumentException("set LOADBENCH_PASSWORD to the seeded people's password") : password,
            OutputDirectory = Get("out") ?? throw new ArgumentException("--out is required"),
            StartedFile = Get("started-file"),
            EventsFile = Get("events-file"),
            Think = TimeSpan.FromMilliseconds(Int("think-ms", 0)),
            Seed = Int("seed", 12),
        };
        if (values.Count > 0) throw new ArgumentException("unknown option --" + string.Join(", --", values.Keys));
        return options;
    }
}
