using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.Infrastructure;

/// <summary>
/// The local cluster of scripts/cluster.sh (PostgreSQL, two portal nodes, nginx in front) in a temporary folder on free
/// ports, and one headless Chromium. The script runs as a child process and is stopped the way a person stops it, with
/// SIGINT (its trap stops nginx, the nodes and PostgreSQL by pid); if it does not stop, it is killed with everything it
/// started. A first run on a fresh machine installs postgresql and nginx, so this needs root (or sudo) there.
/// </summary>
public sealed partial class ClusterFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "Demo!Passw0rd";

    // Installing packages and building the app on a first run take most of it.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("profileportal-cluster-");
    private Process? _script;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>nginx's address: every request of the tests goes there.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The two nodes as nginx's access log names them ("127.0.0.1:port").</summary>
    public IReadOnlyList<string> NodeAddresses { get; private set; } = [];

    private string ReadyFile => Path.Combine(_folder.FullName, "ready");
    private string OutputFile => Path.Combine(_folder.FullName, "cluster.out");
    private string AccessLog => Path.Combine(_folder.FullName, "nginx", "access.log");

    public async Task InitializeAsync()
    {
        var ports = FreePorts(4);
        BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}/");
        NodeAddresses = [$"127.0.0.1:{ports[1]}", $"127.0.0.1:{ports[2]}"];
        try
        {
            _script = StartScript(ports);
            await WaitUntilReadyAsync(_script);
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh, signed-out browser context with one tab on nginx's address.</summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.NewContextAsync(Chromium.ContextOptions(BaseAddress));
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>Where nginx's access log ends now; <see cref="NodesServedSince"/> reads the requests after it.</summary>
    public long AccessLogPosition() => new FileInfo(AccessLog).Length;

    /// <summary>The nodes nginx sent requests to since <paramref name="position"/> (every node tried, for a failed-over one).</summary>
    public async Task<IReadOnlySet<string>> NodesServedSince(long position)
    {
        await using var log = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        log.Seek(position, SeekOrigin.Begin);
        var text = await new StreamReader(log).ReadToEndAsync();
        return UpstreamField().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Split(", "))
            .ToHashSet();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_script is not null)
        {
            await StopScriptAsync(_script);
            _script.Dispose();
        }
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A server that outlived even the kill may still write there; the folder is in /tmp and harmless.
        }
    }

    private Process StartScript(int[] ports)
    {
        // The script's output goes to a file rather than a pipe: programs it starts (build servers) may keep a pipe open
        // long after it exits, and waiting for the process would then wait for them too.
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", "exec bash \"$1\" </dev/null >\"$2\" 2>&1", "cluster", Path.Combine(RepositoryPaths.Root, "scripts", "cluster.sh"), OutputFile },
            WorkingDirectory = RepositoryPaths.Root,
            UseShellExecute = false,
            Environment =
            {
                ["CLUSTER_DIR"] = _folder.FullName,
                ["PORTAL_URL"] = BaseAddress.GetLeftPart(UriPartial.Authority),
                ["CLUSTER_NODE1_PORT"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CLUSTER_NODE2_PORT"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["CLUSTER_POSTGRES_PORT"] = ports[3].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Seed__AdminEmail"] = AdminEmail,
                ["Seed__AdminPassword"] = AdminPassword,
                // The journeys need the administrator only; the twenty demo people would lengthen every start.
                ["Seed__Demo"] = "false",
            },
        };
        return Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
    }

    private async Task WaitUntilReadyAsync(Process script)
    {
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(ReadyFile))
        {
            if (script.HasExited)
                throw new InvalidOperationException($"scripts/cluster.sh ended (exit code {script.ExitCode}) before the cluster was ready:\n{Output()}");
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException($"The cluster was not ready within {StartTimeout.TotalMinutes} minutes:\n{Output()}");
            await Task.Delay(250);
        }
    }

    private async Task StopScriptAsync(Process script)
    {
        if (!script.HasExited)
        {
            Signal(script.Id, SigInt);
            // A shell that was started with SIGINT ignored (a background job of a non-interactive shell) cannot trap
            // it; its cleanup announces itself at once, so without that line the script gets SIGTERM, which it traps too.
            await WaitUntilAsync(() => script.HasExited || Output().Contains("Stopping the cluster", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
            if (!script.HasExited && !Output().Contains("Stopping the cluster", StringComparison.Ordinal)) Signal(script.Id, SigTerm);
            if (!await WaitUntilAsync(() => script.HasExited, StopTimeout))
            {
                script.Kill(entireProcessTree: true);
                await script.WaitForExitAsync();
            }
        }
        // pg_ctl leaves the server a child of init, outside the script's process tree: after a kill it is stopped here.
        KillPostgresServer();
    }

    private void KillPostgresServer()
    {
        var pidFile = Path.Combine(_folder.FullName, "postgres", "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)) return;
        try
        {
            using var server = Process.GetProcessById(pid);
            if (server.ProcessName == "postgres") server.Kill();
        }
        catch (ArgumentException)
        {
            // Not running.
        }
    }

    private string Output()
    {
        try
        {
            using var file = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(file).ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return "";
        }
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > timeout) return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Distinct ports nothing listens on at 127.0.0.1, held open together so the OS gives different ones.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
            throw new InvalidOperationException($"Could not send signal {signal} to process {pid} (errno {Marshal.GetLastPInvokeError()}).");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@" upstream=(\S+(?:, \S+)*) upstream_status=")]
    private static partial Regex UpstreamField();
}
