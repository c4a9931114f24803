using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Notifications.Channels;

/// <summary>
/// The one way notification channels call a service: a POST of JSON through the "notifications" HttpClient, whose
/// every connection goes through <see cref="OutboundAddressGuard.ConnectAsync"/> (public addresses only), with no
/// redirects, cookies or proxy. The answer's status decides the outcome; its body is never read, so nothing the service
/// says (nor the URL, which may carry a token) reaches a log line or a delivery's LastError.
/// </summary>
public sealed class ChannelHttp(IHttpClientFactory clients, IOptionsMonitor<NotificationOptions> options)
{
    public const string ClientName = "ProfilePortal.Notifications";
    public const string UserAgent = "ProfilePortal-Notifications/1";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    /// <summary>Registers the HttpClient; the options' SendTimeout bounds one exchange.</summary>
    public static void AddClient(IServiceCollection services)
    {
        services.AddHttpClient(ClientName, (sp, client) =>
            {
                client.Timeout = sp.GetRequiredService<IOptionsMonitor<NotificationOptions>>().CurrentValue.Worker.SendTimeout;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // Resolves, checks and connects to the checked address itself (DNS rebinding cannot slip past).
                ConnectCallback = sp.GetRequiredService<OutboundAddressGuard>().ConnectAsync,
                // A redirect could lead anywhere, past the person's checked URL: it is a failure, not followed.
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.None,
            })
            // The default HttpClient logging writes the request URL: Telegram's carries the bot token, Slack's and
            // Teams' a secret path. Those requests are never logged; the worker logs the delivery id and outcome.
            .RemoveAllLoggers();
    }

    /// <summary>JSON as sent: UTF-8, without indentation (the webhook signs exactly these bytes).</summary>
    public static byte[] Serialize(JsonNode body) => JsonSerializer.SerializeToUtf8Bytes(body);

    /// <summary>
    /// Fails with <see cref="DeliveryFailures.ChannelNotOffered"/> when the deployment no longer offers the channel
    /// (its gateway or token may be gone with it).
    /// </summary>
    public void EnsureOffered(NotificationChannelKind channel)
    {
        if (!options.CurrentValue.IsEnabled(channel)) throw new NotificationSendException(DeliveryFailures.ChannelNotOffered, permanent: true);
    }

    /// <summary>
    /// POSTs <paramref name="json"/> to <paramref name="url"/>; returns on a 2xx answer and otherwise throws a
    /// <see cref="NotificationSendException"/>: permanent for redirects, refused requests and refused addresses,
    /// retryable for 408, 429, 5xx, timeouts and network errors.
    /// </summary>
    public async Task PostJsonAsync(string url, byte[] json, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !IsAllowedScheme(uri))
        {
            throw new NotificationSendException(DeliveryFailures.AddressNotHttps, permanent: true);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = JsonType;
        foreach (var (name, value) in headers)
        {
            // Without validation: an Authorization value is the operator's, in whatever scheme the gateway wants.
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            // The address guard's refusal arrives wrapped by the handler; anything else is the network.
            throw Refusal(ex) ?? new NotificationSendException(DeliveryFailures.ServiceUnreachable, inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout ran out (the caller's token was not cancelled).
            throw new NotificationSendException(DeliveryFailures.Timeout, inner: ex);
        }

        using (response)
        {
            if (Failure(response.StatusCode) is { } failure) throw failure;
        }
    }

    /// <summary>What an answer's status means for the delivery; null for success.</summary>
    public static NotificationSendException? Failure(HttpStatusCode status) => (int)status switch
    {
        >= 200 and <= 299 => null,
        >= 300 and <= 399 => new NotificationSendException(DeliveryFailures.Redirected, permanent: true),
        401 or 403 => new NotificationSendException(DeliveryFailures.CredentialsRefused, permanent: true),
        404 or 410 => new NotificationSendException(DeliveryFailures.AddressUnknown, permanent: true),
        408 or >= 500 and <= 599 => new NotificationSendException(DeliveryFailures.ServiceUnavailable),
        429 => new NotificationSendException(DeliveryFailures.RateLimited),
        // 400 and the other client errors: the same request would be refused again.
        >= 400 and <= 499 => new NotificationSendException(DeliveryFailures.RequestRefused, permanent: true),
        _ => new NotificationSendException(DeliveryFailures.Unknown),
    };

    /// <summary>https only; plain http only when tests allow loopback (the guard then allows no other address).</summary>
    private bool IsAllowedScheme(Uri uri)
        => uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && options.CurrentValue.AllowLoopbackForTests;

    private static NotificationSendException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is NotificationSendException refusal) return refusal;
        }

        return null;
    }
}
