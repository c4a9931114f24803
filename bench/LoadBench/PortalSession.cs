using System.Diagnostics;
using System.Net;

namespace LoadBench;

/// <summary>One browser: its own connection and cookie jar, redirects not followed (the PRG redirect is what a save is
/// acknowledged by). Every request is timed and recorded under a kind; failures are recorded with the person's name.</summary>
internal sealed class PortalSession : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _client;
    private readonly Recorder _recorder;
    private readonly string _user;

    public PortalSession(Uri baseUrl, Recorder recorder, string user, string device)
    {
        _recorder = recorder;
        _user = user;
        var handler = new SocketsHttpHandler
        {
            CookieContainer = new CookieContainer(),
            UseCookies = true,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = RequestTimeout };
        _client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        _client.DefaultRequestHeaders.UserAgent.ParseAdd($"LoadBench/1.0 ({user}; {device})");
    }

    public Uri BaseUrl => _client.BaseAddress!;

    public Task<Reply?> GetAsync(string kind, string path) => SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Get, path));

    public Task<Reply?> PostFormAsync(string kind, string path, IEnumerable<KeyValuePair<string, string>> fields)
        => SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    public Task<Reply?> SendAsync(string kind, Func<HttpRequestMessage> request) => SendAsync(kind, request, bearer: null);

    public async Task<Reply?> SendAsync(string kind, Func<HttpRequestMessage> request, string? bearer)
    {
        using var message = request();
        if (bearer is not null) message.Headers.Authorization = new("Bearer", bearer);
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(message);
            var body = await response.Content.ReadAsStringAsync();
            _recorder.Record(kind, start, clock.Elapsed);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                _recorder.Fail(kind, start, FailureKind.ServerError, $"HTTP {status}", _user);
                return null;
            }

            var location = response.Headers.Location is { } l ? new Uri(BaseUrl, l).AbsolutePath : null;
            return new Reply(status, location, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            _recorder.Record(kind, start, clock.Elapsed);
            var what = e is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : Describe(e);
            _recorder.Fail(kind, start, FailureKind.Transport, what, _user);
            return null;
        }
    }

    /// <summary>Records an answer that is not what a working portal gives; always false, for `return Unexpected(...)`.</summary>
    public bool Unexpected(string kind, Reply reply, string expected)
    {
        var got = reply.Status is 301 or 302 or 303 ? $"{reply.Status} to {reply.Location}" : $"{reply.Status}";
        if (reply.Location?.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase) == true) got += " (signed out)";
        _recorder.Fail(kind, DateTimeOffset.UtcNow, FailureKind.Unexpected, $"expected {expected}, got {got}", _user);
        return false;
    }

    public void Dispose() => _client.Dispose();

    private static string Describe(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner == e ? e.Message : $"{e.Message} ({inner.Message})";
    }
}

/// <summary>An HTTP answer: status, the path a redirect points to, and the body.</summary>
internal sealed record Reply(int Status, string? Location, string Body)
{
    public bool IsRedirectTo(string path) => Status == 302 && string.Equals(Location, path, StringComparison.OrdinalIgnoreCase);
}
