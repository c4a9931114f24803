using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.StaticFiles;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// How browsers keep static files. A URL carrying the file's own version (asp-append-version's <c>?v=</c>, checked
/// against the file, so an old node of a cluster never labels old bytes with a new version) never changes: kept a
/// year without asking. Any other URL (a module's imports, three.js, the favicon) is revalidated at every use (ETag,
/// 304), so after an upgrade no browser runs a stale script beside a new one.
/// </summary>
public static class StaticFileCaching
{
    public const string Versioned = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static void Apply(StaticFileResponseContext file)
    {
        var http = file.Context;
        var version = http.Request.Query["v"];
        var immutable = version.Count == 1 && !string.IsNullOrEmpty(version[0]) && IsCurrentVersion(http, version[0]!);
        http.Response.Headers.CacheControl = immutable ? Versioned : Revalidate;
    }

    private static bool IsCurrentVersion(HttpContext http, string version)
    {
        var versioned = http.RequestServices.GetRequiredService<IFileVersionProvider>()
            .AddFileVersionToPath(http.Request.PathBase, http.Request.Path.Value!);
        var at = versioned.IndexOf("?v=", StringComparison.Ordinal);
        return at >= 0 && string.Equals(versioned[(at + 3)..], version, StringComparison.Ordinal);
    }
}
