using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Api;

/// <summary>
/// Reads a request body that must be one JSON object, answering 415 or 400 problems in the API's words. Endpoints
/// read their body themselves (rather than through parameter binding) so that absent, null and wrongly typed fields
/// each get a clear message.
/// </summary>
public static class ApiJsonBody
{
    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadObjectAsync(
        HttpContext context, IStringLocalizer t, string example, CancellationToken ct, params string[] mediaTypes)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !(mediaType == "application/json" || mediaTypes.Contains(mediaType, StringComparer.Ordinal)))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: t["Unsupported media type"],
                detail: t["Send the changes as a JSON object with Content-Type: application/json."]));
        }

        JsonObject? body;
        try
        {
            // Buffered (the size limit caps it) so that bytes that are not UTF-8 are refused here, as a 400: the JSON
            // reader would only notice when a string is decoded, and throw something other than a JsonException.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            var utf8 = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            body = Utf8.IsValid(utf8) ? JsonNode.Parse(utf8) as JsonObject : null;
        }
        catch (JsonException)
        {
            body = null;
        }

        return body is null
            ? (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: t["Invalid body"],
                detail: t["The body must be a JSON object in UTF-8, such as {0}.", example]))
            : (body, null);
    }
}
