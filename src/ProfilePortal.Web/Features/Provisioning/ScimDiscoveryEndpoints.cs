using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// Discovery (RFC 7644 section 4, RFC 7643 sections 5–7): what this service provider supports, its resource types and
/// the schemas of the attributes it maps. Behind the provisioning token like every SCIM endpoint (the RFC allows
/// either; identity providers call them with the token they already send). The portal attributes schema is built from
/// the attribute definitions, so it follows what administrators define on /Admin/Attributes.
/// </summary>
public static class ScimDiscoveryEndpoints
{
    public static RouteGroupBuilder MapScimDiscovery(this RouteGroupBuilder scim)
    {
        scim.MapGet("/ServiceProviderConfig", (PublicLinks links) => new ScimJsonResult(ScimDiscovery.ServiceProviderConfig(links)));
        scim.MapGet("/ResourceTypes", (HttpContext context, PublicLinks links, IStringLocalizer<SharedResource> t) =>
            FilterRefused(context, t) ?? new ScimJsonResult(Listed(ScimDiscovery.ResourceTypes(links))));
        scim.MapGet("/ResourceTypes/{name}", (string name, PublicLinks links, IStringLocalizer<SharedResource> t) =>
            ScimDiscovery.ResourceTypes(links).FirstOrDefault(r => string.Equals((string?)r["id"], name, StringComparison.OrdinalIgnoreCase)) is { } type
                ? new ScimJsonResult(type)
                : ScimErrors.Result(StatusCodes.Status404NotFound, t["No resource type is named {0}.", name]));
        scim.MapGet("/Schemas", async (HttpContext context, AppDbContext db, PublicLinks links, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken) =>
            FilterRefused(context, t) ?? new ScimJsonResult(Listed(await SchemasAsync(db, links, cancellationToken))));
        scim.MapGet("/Schemas/{urn}", async (string urn, AppDbContext db, PublicLinks links, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken) =>
            (await SchemasAsync(db, links, cancellationToken)).FirstOrDefault(s => string.Equals((string?)s["id"], urn, StringComparison.OrdinalIgnoreCase)) is { } schema
                ? new ScimJsonResult(schema)
                : ScimErrors.Result(StatusCodes.Status404NotFound, t["No schema has the id {0}.", urn]));
        return scim;
    }

    private static async Task<List<JsonObject>> SchemasAsync(AppDbContext db, PublicLinks links, CancellationToken cancellationToken)
    {
        var definitions = await db.AccountAttributeDefinitions.AsNoTracking().OrderBy(d => d.Position).ThenBy(d => d.Key).ToListAsync(cancellationToken);
        return ScimDiscovery.Schemas(definitions, links);
    }

    // RFC 7644 section 4: these endpoints take no filter; a filter SHOULD be answered with 403.
    private static IResult? FilterRefused(HttpContext context, IStringLocalizer t)
        => context.Request.Query.ContainsKey("filter")
            ? ScimErrors.Result(StatusCodes.Status403Forbidden, t["This endpoint does not take a filter."])
            : null;

    private static JsonObject Listed(List<JsonObject> resources) => ScimLists.ListResponse(resources, resources.Count, 1);
}
