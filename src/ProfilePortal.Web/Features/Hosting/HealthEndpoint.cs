using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Hosting;

/// <summary>
/// GET /healthz (SPEC 3): public, so load balancers can call it without an account. Anonymous callers get the overall
/// status only; versions and check details (libvips version, database errors) help an attacker pick an exploit, so
/// they are shown to a signed-in administrator (users.manage) alone.
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object body = context.User.Has(Permissions.UsersManage)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
