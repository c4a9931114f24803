using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>Absolute links for emails: the page's path appended to Portal:PublicBaseUrl, whatever Host the request named.</summary>
public sealed class PublicLinks(LinkGenerator links, IOptions<PortalOptions> options)
{
    public string Page(string page, object? values = null)
    {
        var path = links.GetPathByPage(page, handler: null, values)
                   ?? throw new InvalidOperationException($"No route to the page {page}.");
        return options.Value.PublicBase + path;
    }

    /// <summary>An absolute URL for a path of the portal's own, e.g. a SCIM resource's meta.location.</summary>
    public string Path(string path) => options.Value.PublicBase + path;
}
