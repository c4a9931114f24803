namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// One rule for every cookie the portal sets (SPEC 3): over https the name carries the <c>__Host-</c> prefix, which
/// browsers accept only with Secure, Path=/ and no Domain, so neither a sibling subdomain nor plain http can plant or
/// overwrite it; over http (local runs, tests) the plain name and the request's scheme.
/// </summary>
public static class PortalCookies
{
    public const string HostPrefix = "__Host-";

    public static void Apply(CookieBuilder cookie, string name, PortalOptions portal)
    {
        if (portal.IsHttps)
        {
            cookie.Name = HostPrefix + name;
            cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Path = "/";
            cookie.Domain = null;
        }
        else
        {
            cookie.Name = name;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
    }
}
