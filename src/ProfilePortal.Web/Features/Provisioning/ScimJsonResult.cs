using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// A SCIM response body: JSON as application/scim+json (RFC 7644 section 3.1), with the resource's version as ETag and
/// its address as Location when given. Built from JsonNode so that each resource controls exactly which attributes it
/// returns (absent attributes are left out, as SCIM expects, rather than written as null).
/// </summary>
public sealed class ScimJsonResult(JsonNode body, int status = StatusCodes.Status200OK, string? etag = null, string? location = null) : IResult
{
    public const string MediaType = "application/scim+json";

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonNode Body => body;
    public int Status => status;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = MediaType + "; charset=utf-8";
        if (etag is not null) response.Headers.ETag = etag;
        if (location is not null) response.Headers.Location = location;
        await response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, Options), httpContext.RequestAborted);
    }
}
