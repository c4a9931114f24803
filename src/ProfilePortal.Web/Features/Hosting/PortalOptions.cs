namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// Where people reach the portal (SPEC 3). Links in emails are built from it, never from the request's Host header
/// (which anyone can set), and it decides AllowedHosts and, when https, the cookie prefix, HTTPS redirection and HSTS.
/// </summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The public origin, e.g. <c>https://accounts.example.com</c>; required in Production.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The origin as a URI, or null when the setting is missing or is not an absolute http(s) origin.</summary>
    public Uri? PublicBaseUri
        => Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
           && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
           && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;

    /// <summary>
    /// The address links start with, without a trailing slash; it may carry a path (the portal behind a reverse proxy
    /// under /accounts), and page paths go below it.
    /// </summary>
    public string PublicBase => PublicBaseUri!.GetLeftPart(UriPartial.Path).TrimEnd('/');

    public bool IsHttps => PublicBaseUri?.Scheme == Uri.UriSchemeHttps;

    /// <summary>Outside Production a missing setting falls back to this, so local runs and tests need no setup.</summary>
    public const string DevelopmentFallback = "http://localhost:5000";
}
