using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>A browser whose cookies the test can read and copy, e.g. to replay a cookie after sign-out.</summary>
public sealed class CookieJarClient
{
    private static readonly Uri Origin = new("http://localhost");

    public CookieJarClient(PortalFactory factory, string? userAgent = null)
    {
        Client = factory.CreateDefaultClient(Origin, new CookieContainerHandler(Jar));
        if (userAgent is not null) Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
    }

    public CookieContainer Jar { get; } = new();
    public HttpClient Client { get; }

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
