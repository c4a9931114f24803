using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.People;

namespace ProfilePortal.Web.Features.Avatars;

/// <summary>
/// GET /avatars/{userId}/{size}?v={version}: the uploaded avatar (WebP) or the initials (SVG), and
/// GET /avatars/{userId}/full?v={version}: a character avatar's full-body image (WebP; 404 for any other avatar); only to those who may see
/// the person (PeopleDirectory: themself, their organization's people, administrators); 404 for anyone else, signed in
/// or not. The answer depends on who asks, so it is cached privately only: a request naming the current version may be
/// kept for a year by the browser, never by a shared cache (the URL changes with every new avatar); any other is
/// revalidated.
/// </summary>
public static class AvatarEndpoint
{
    public static readonly IReadOnlyList<int> Sizes = [512, 128];

    public static string Url(Guid userId, int version, int size = 128)
        => $"/avatars/{userId}/{size}?v={version.ToString(CultureInfo.InvariantCulture)}";

    public static string FullBodyUrl(Guid userId, int version)
        => $"/avatars/{userId}/full?v={version.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapAvatars(this IEndpointRouteBuilder app)
    {
        // Anonymous too, so that an image the viewer may not see answers 404 like a missing one (not a sign-in redirect).
        app.MapGet("/avatars/{userId:guid}/{size:int}", (Guid userId, int size, int? v, HttpContext context, AppDbContext db, PeopleDirectory people, CancellationToken ct)
                => IfVisibleAsync(userId, context, people, () => ServeAsync(userId, size, v, context, db, ct), ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/avatars/{userId:guid}/full", (Guid userId, int? v, HttpContext context, AppDbContext db, PeopleDirectory people, CancellationToken ct)
                => IfVisibleAsync(userId, context, people, () => ServeFullBodyAsync(userId, v, context, db, ct), ct))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> IfVisibleAsync(Guid userId, HttpContext context, PeopleDirectory people, Func<Task<IResult>> serve, CancellationToken ct)
    {
        // Who asks is in the cookie: a browser shared by two accounts must not answer the second from the
        // first one's cache (a year-long entry would otherwise skip this check).
        context.Response.Headers.Vary = HeaderNames.Cookie;
        return await people.CanSeeAsync(PeopleViewer.Of(context.User), userId, ct) ? await serve() : Results.NotFound();
    }

    /// <summary>Answers with the person's avatar at one of <see cref="Sizes"/>; also used by GET /api/v1/me/avatar.</summary>
    public static async Task<IResult> ServeAsync(Guid userId, int size, int? v, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        if (!Sizes.Contains(size)) return Results.NotFound();
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.FirstName, u.LastName, u.HasAvatar, u.AvatarVersion }).FirstOrDefaultAsync(ct);
        if (person is null) return Results.NotFound();

        var etag = Cache(context, userId, person.AvatarVersion, v, size.ToString(CultureInfo.InvariantCulture));

        if (!person.HasAvatar)
        {
            // The SVG is ours, but a browser opening it directly must still run nothing from it.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            var svg = System.Text.Encoding.UTF8.GetBytes(InitialsAvatar.Svg(userId, person.FirstName, person.LastName, size));
            return Results.File(svg, "image/svg+xml", entityTag: etag);
        }

        var image = size == 512
            ? await db.UserAvatars.AsNoTracking().Where(a => a.UserId == userId).Select(a => new { Data = a.Image512, a.ContentType }).FirstOrDefaultAsync(ct)
            : await db.UserAvatars.AsNoTracking().Where(a => a.UserId == userId).Select(a => new { Data = a.Image128, a.ContentType }).FirstOrDefaultAsync(ct);
        if (image is null) return Results.NotFound();
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(image.Data, image.ContentType, entityTag: etag);
    }

    private static async Task<IResult> ServeFullBodyAsync(Guid userId, int? v, HttpContext context, AppDbContext db, CancellationToken ct)
    {
        var image = await db.UserAvatars.AsNoTracking()
            .Where(a => a.UserId == userId && a.FullBody != null && db.Users.Any(u => u.Id == userId && u.AvatarIsCharacter))
            .Select(a => new { a.FullBody, a.ContentType, a.Version }).FirstOrDefaultAsync(ct);
        if (image is null) return Results.NotFound();
        var etag = Cache(context, userId, image.Version, v, "full");
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return Results.File(image.FullBody!, image.ContentType, entityTag: etag);
    }

    /// <summary>
    /// A year in this browser for a URL naming the current version (a new avatar gets a new URL); revalidation for
    /// any other. Returns the ETag of this version and variant.
    /// </summary>
    private static EntityTagHeaderValue Cache(HttpContext context, Guid userId, int version, int? requested, string variant)
    {
        context.Response.Headers.CacheControl = requested == version
            ? "private, max-age=31536000, immutable"
            : "private, no-cache";
        return new EntityTagHeaderValue($"\"{userId:N}-{version}-{variant}\"");
    }
}
