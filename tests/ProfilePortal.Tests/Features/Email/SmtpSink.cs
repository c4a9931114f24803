using System.Diagnostics;
using System.Text.Json;
using MimeKit;
using ProfilePortal.Tests.Features.Localization;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Email;

/// <summary>
/// A real SMTP server on loopback (smtp-sink/server.js, the npm package smtp-server run by node) that stores what it
/// receives. Its npm packages are installed by scripts/test.sh; the server stops when <see cref="DisposeAsync"/> kills
/// it by its pid, or by itself when the test host is gone.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public sealed record Received(string MailFrom, IReadOnlyList<string> RcptTo, string? User, MimeMessage Message);

    private readonly Process _process;
    private readonly string _directory;

    private SmtpSink(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// Starts the server; with a user name and password it requires AUTH with exactly those; with
    /// <paramref name="refusedDomain"/> it answers 550 to every recipient at that domain.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string? userName = null, string? password = null, string? refusedDomain = null)
    {
        var script = Path.Combine(SharedResourceTests.RepositoryRoot(), "tests", "ProfilePortal.Tests", "Features", "Email", "smtp-sink");
        if (!Directory.Exists(Path.Combine(script, "node_modules", "smtp-server")))
            throw new InvalidOperationException($"The SMTP sink's npm packages are missing: run scripts/test.sh, or `npm ci` in {script}.");

        var directory = Path.Combine(Path.GetTempPath(), "profileportal-smtp-sink", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("node") { WorkingDirectory = script, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "server.js", "--dir", directory }) start.ArgumentList.Add(argument);
        if (userName is not null)
        {
            foreach (var argument in new[] { "--user", userName, "--password", password ?? "" }) start.ArgumentList.Add(argument);
        }

        if (refusedDomain is not null)
        {
            foreach (var argument in new[] { "--refuse-domain", refusedDomain }) start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
                throw new InvalidOperationException($"The SMTP sink did not start: {line} {await process.StandardError.ReadToEndAsync()}");
            return new SmtpSink(process, directory, int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Waits until a message for the recipient has arrived (the app sends in the background).</summary>
    public Task<Received> WaitForMessageToAsync(string recipient)
        => Eventually.FoundAsync(() => MessagesTo(recipient) is [var message, ..] ? message : null, $"a message to {recipient} at the SMTP sink");

    /// <summary>What arrived for the recipient so far.</summary>
    public IReadOnlyList<Received> MessagesTo(string recipient)
    {
        if (!Directory.Exists(_directory)) return [];
        return Directory.GetFiles(_directory, "*.json").Order(StringComparer.Ordinal)
            .Select(Read)
            .Where(m => m.RcptTo.Contains(recipient, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private static Received Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        using var raw = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(root.GetProperty("raw").GetString()!));
        return new Received(
            root.GetProperty("mailFrom").GetString()!,
            root.GetProperty("rcptTo").EnumerateArray().Select(r => r.GetString()!).ToList(),
            root.GetProperty("user").GetString(),
            MimeMessage.Load(raw));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
