using System.Diagnostics;
using ProfilePortal.Tests.Infrastructure;

namespace ProfilePortal.Tests.Features.Hosting;

/// <summary>The one event Serilog's request logging writes per request, as the console and file sinks receive it.</summary>
public class RequestLoggingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string RequestEvents = "Serilog.AspNetCore.RequestLoggingMiddleware";

    [Fact]
    public async Task Get_SignedInWithResetCodeInQuery_OneEventWithPathStatusUserAndTraceButNoQuery()
    {
        var user = await factory.CreateUserAsync();
        var browser = await factory.SignedInClientAsync(user);
        var secret = "code-" + Guid.NewGuid().ToString("N");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        var response = await SendAsync(browser, $"/Account/ResetPassword?code={secret}&email={Uri.EscapeDataString(user.Email)}", traceId);

        var request = Assert.Single(factory.Logs.Of(RequestEvents), r => r.Property("TraceId") == traceId);
        Assert.Equal("GET", request.Property("RequestMethod"));
        Assert.Equal("/Account/ResetPassword", request.Property("RequestPath"));
        Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), request.Property("StatusCode"));
        Assert.NotNull(request.Property("Elapsed"));
        Assert.Equal(user.Id.ToString(), request.Property("UserId"));
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Anonymous_EventHasNoUserId()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        await SendAsync(factory.CreateBrowserClient(), "/Account/Login?ReturnUrl=%2FSettings%2FTokens", traceId);

        var request = Assert.Single(factory.Logs.Of(RequestEvents), r => r.Property("TraceId") == traceId);
        Assert.Equal("/Account/Login", request.Property("RequestPath"));
        Assert.Null(request.Property("UserId"));
    }

    [Fact]
    public async Task Get_EventReachesTheRollingJsonFileFromTheBackgroundWriter()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();

        await SendAsync(factory.CreateBrowserClient(), "/Account/Login", traceId);

        // The file sink is written from its own thread (BackgroundSink), a fraction of a second later.
        var logs = Path.Combine(factory.Root, "logs");
        var line = "";
        for (var attempt = 0; attempt < 300 && line == ""; attempt++)
        {
            await Task.Delay(100);
            line = Directory.Exists(logs)
                ? Directory.GetFiles(logs, "portal-*.log").SelectMany(ReadShared).FirstOrDefault(l => l.Contains(traceId, StringComparison.Ordinal)) ?? ""
                : "";
        }
        Assert.True(line != "", "the request event never reached the log file");
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("/Account/Login", json.RootElement.GetProperty("Properties").GetProperty("RequestPath").GetString());
    }

    // The file sink keeps the file open for writing.
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string traceId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // W3C trace context: the server continues this trace, so the event can be found by its trace id.
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return await client.SendAsync(request);
    }
}
