using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>A browser whose cookies the test can read and copy, e.g. to replay a cookie after sign-out.</summary>
public sealed class CookieJarClient
{
    private static readonly Uri Origin = new("http://localhost");

    private readonly string? _userAgent;

    public CookieJarClient(PortalFactory factory, string? userAgent = null)
        : this(factory, new CookieContainer(), userAgent)
    {
    }

    private CookieJarClient(PortalFactory factory, CookieContainer jar, string? userAgent)
    {
        Jar = jar;
        _userAgent = userAgent;
        Client = factory.CreateDefaultClient(Origin, new CookieContainerHandler(Jar));
        if (userAgent is not null) Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public CookieContainer Jar { get; }
    public HttpClient Client { get; }

    /// <summary>
    /// This same browser (one cookie jar, one user agent) with its requests sent to another app instance, as a load
    /// balancer would send them; cookies either instance sets are kept for both.
    /// </summary>
    public CookieJarClient Via(PortalFactory node) => new(node, Jar, _userAgent);

    public string CookieHeader => Jar.GetCookieHeader(Origin);

    public string? Cookie(string name) => Jar.GetCookies(Origin)[name]?.Value;

    /// <summary>A bare client that sends exactly this Cookie header, nothing kept between requests.</summary>
    public static HttpClient WithCookieHeader(PortalFactory factory, string cookieHeader)
    {
        var client = factory.CreateDefaultClient(Origin);
        client.DefaultRequestHeaders.Add("Cookie", cookieHeader);
        return client;
    }
}
