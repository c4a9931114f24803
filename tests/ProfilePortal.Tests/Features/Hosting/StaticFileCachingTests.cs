using System.Net;
using System.Text.RegularExpressions;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Tests.Features.Hosting;

/// <summary>
/// Versioned static URLs (the ones pages link with asp-append-version) are kept a year; everything else, such as a
/// module's imports, is revalidated at every use, so an upgrade never pairs a new page with an old script.
/// </summary>
public partial class StaticFileCachingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task TheUrlAPageLinks_IsKeptAYear()
    {
        var client = factory.CreateBrowserClient();
        var page = await client.GetStringAsync("/Account/Login");
        var siteJs = SiteScript().Match(page);
        Assert.True(siteJs.Success, "The sign-in page links no versioned site.js.");

        var response = await client.GetAsync(WebUtility.HtmlDecode(siteJs.Groups[1].Value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticFileCaching.Versioned, response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/js/avatar-character.js")]                 // imported by avatar-creator.js without a version
    [InlineData("/lib/three/three.avatar.min.js")]
    [InlineData("/js/site.js?v=not-the-files-version")]    // e.g. linked by a node still running the previous release
    [InlineData("/js/site.js?v=")]
    public async Task AnyOtherUrl_IsRevalidatedAtEveryUse(string url)
    {
        var response = await factory.CreateBrowserClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticFileCaching.Revalidate, response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [GeneratedRegex(@"<script src=""(/js/site\.js\?v=[^""]+)""")]
    private static partial Regex SiteScript();
}
