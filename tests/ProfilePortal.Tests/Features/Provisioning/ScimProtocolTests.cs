using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.Provisioning;

namespace ProfilePortal.Tests.Features.Provisioning;

public sealed class ScimProtocolTests
{
    private static JsonObject Resource(string title) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.User),
        ["id"] = "42",
        ["userName"] = "alice",
        ["title"] = title,
        ["name"] = new JsonObject { ["givenName"] = "Alice" },
        [ScimSchemas.EnterpriseUser] = new JsonObject { ["department"] = "Sales" },
        ["meta"] = new JsonObject { ["resourceType"] = "User" },
    };

    [Fact]
    public void Version_ChangesWithTheResourceButNotWithMeta()
    {
        var a = Resource("Engineer");
        var sameButMeta = Resource("Engineer");
        sameButMeta["meta"]!["location"] = "https://elsewhere";

        Assert.Matches("^W/\"[0-9a-f]{32}\"$", ScimVersion.Of(a));
        Assert.Equal(ScimVersion.Of(a), ScimVersion.Of(sameButMeta));
        Assert.NotEqual(ScimVersion.Of(a), ScimVersion.Of(Resource("Manager")));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("*", false)]
    [InlineData("{0}", false)]
    [InlineData("\"other\", {0}", false)]
    [InlineData("W/\"0000\"", true)]
    public void IfMatch_FailsOnlyForOtherVersions(string? header, bool fails)
    {
        var etag = ScimVersion.Of(Resource("x"));
        var context = new DefaultHttpContext();
        if (header is not null) context.Request.Headers.IfMatch = header.Replace("{0}", etag, StringComparison.Ordinal);

        Assert.Equal(fails, ScimVersion.IfMatchFails(context.Request, etag));
    }

    [Fact]
    public void IfNoneMatch_HitsTheCurrentVersion()
    {
        var etag = ScimVersion.Of(Resource("x"));
        var context = new DefaultHttpContext();
        context.Request.Headers.IfNoneMatch = etag;

        Assert.True(ScimVersion.IfNoneMatchHits(context.Request, etag));
        Assert.False(ScimVersion.IfNoneMatchHits(context.Request, "W/\"1\""));
    }

    [Fact]
    public void Project_Attributes_KeepsThoseAndTheAlwaysReturnedOnes()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?attributes=userName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");

        var projected = ScimLists.Project(Resource("x"), context.Request);

        Assert.Equal(["schemas", "id", "userName", ScimSchemas.EnterpriseUser, "meta"], projected.Select(p => p.Key));
    }

    [Fact]
    public void Project_ExcludedAttributes_DropsThem()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?excludedAttributes=NAME,title,id");

        var projected = ScimLists.Project(Resource("x"), context.Request);

        Assert.Equal(["schemas", "id", "userName", ScimSchemas.EnterpriseUser, "meta"], projected.Select(p => p.Key));
    }

    [Theory]
    [InlineData("", 1, 100)]
    [InlineData("?startIndex=0&count=-5", 1, 0)]
    [InlineData("?startIndex=3&count=1000", 3, 200)]
    public void Paging_FollowsTheRfc(string query, int start, int count)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);

        Assert.True(ScimLists.TryReadPaging(context.Request, new PassThroughLocalizer(), out var startIndex, out var size, out _));
        Assert.Equal((start, count), (startIndex, size));
    }

    [Fact]
    public void Paging_NotANumber_IsRefused()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?count=ten");

        Assert.False(ScimLists.TryReadPaging(context.Request, new PassThroughLocalizer(), out _, out _, out var error));
        Assert.NotNull(error);
    }
}
