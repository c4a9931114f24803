namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// Headers every response carries. The CSP allows scripts and styles from this origin only (no inline script;
/// images also from blob: URLs, for the avatar crop preview of a file that never left the browser),
/// and forbids framing (clickjacking) and plugins. Signed-in pages and API answers are not stored.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint may set a stricter policy of its own (e.g. images); keep it.
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // Personal pages and API answers are never kept by the browser or a shared cache (the back button after
            // signing out, a proxy). Responses that chose their own caching (avatars, static files) keep it.
            if (!headers.ContainsKey("Cache-Control") && (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/api")))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
