using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a port the OS picks) standing in for a service the app calls: it records
/// every request (method, path with query, headers, body) and answers each path with the status a test chose (200 by
/// default). Requests are recorded before the answer is written, so once the app's call returns, the request is here.
/// The test disposes it, which stops the server.
/// </summary>
public sealed class LoopbackHttpListener : IAsyncDisposable
{
    public sealed record Request(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        /// <summary>A header's value (all values joined by ", "), or null.</summary>
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    private sealed record Answer(HttpStatusCode Status, string? Location);

    private readonly ConcurrentQueue<Request> _requests = new();
    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private LoopbackHttpListener(WebApplication app) => _app = app;

    /// <summary>The server's base address, "http://127.0.0.1:PORT".</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<Request> Requests => [.. _requests];

    public static async Task<LoopbackHttpListener> StartAsync()
    {
        // The empty builder reads no appsettings.json and logs nothing: only what is configured here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var listener = new LoopbackHttpListener(builder.Build());
        listener._app.Run(listener.HandleAsync);
        await listener._app.StartAsync();
        var address = listener._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        listener.BaseAddress = new Uri(address);
        return listener;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>From now on answers <paramref name="path"/> with <paramref name="status"/> (and a Location header).</summary>
    public void AnswerWith(string path, HttpStatusCode status, string? location = null) => _answers[path] = new Answer(status, location);

    /// <summary>The requests whose path (without the query) is <paramref name="path"/>.</summary>
    public IReadOnlyList<Request> RequestsTo(string path) => Requests.Where(r => r.Path.Split('?')[0] == path).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue(new Request(context.Request.Method, path + context.Request.QueryString, headers, body.ToArray()));

        var answer = _answers.TryGetValue(path, out var chosen) ? chosen : new Answer(HttpStatusCode.OK, null);
        context.Response.StatusCode = (int)answer.Status;
        if (answer.Location is not null) context.Response.Headers.Location = answer.Location;
        context.Response.ContentType = "application/json";
        // A body that says what went wrong, as real services do; it must never reach the delivery's LastError.
        await context.Response.WriteAsync(answer.Status == HttpStatusCode.OK ? """{"ok":true}""" : $$"""{"ok":false,"description":"loopback-listener-said-{{(int)answer.Status}}"}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
