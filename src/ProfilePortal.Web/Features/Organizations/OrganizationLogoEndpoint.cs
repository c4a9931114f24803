using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Organizations;

public static class OrganizationLogoEndpoint
{
    /// <summary>
    /// GET /organizations/{id}/logo: the stored logo, for the organization's people and administrators only (404 for
    /// anyone else); kept by the browser for a year because the URL carries its version.
    /// </summary>
    public static IEndpointRouteBuilder MapOrganizationLogo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/organizations/{id:guid}/logo", async (Guid id, HttpContext context, AppDbContext db, CancellationToken ct) =>
        {
            if (!await OrganizationVisibility.CanSeeOrganizationAsync(db, context.User, id, ct)) return Results.NotFound();
            var logo = await db.Organizations.AsNoTracking().Where(o => o.Id == id && o.Logo != null)
                .Select(o => new { o.Logo, o.LogoContentType, o.LogoVersion }).FirstOrDefaultAsync(ct);
            if (logo is null) return Results.NotFound();

            var etag = new EntityTagHeaderValue($"\"{id:N}-{logo.LogoVersion}\"");
            context.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
            return Results.Bytes(logo.Logo!, logo.LogoContentType ?? "application/octet-stream", entityTag: etag);
        }).AllowAnonymous().ExcludeFromDescription(); // anonymous too: not visible answers 404, like a missing logo
        return app;
    }
}
