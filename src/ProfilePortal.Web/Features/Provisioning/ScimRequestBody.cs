using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// Reads a SCIM request body: one JSON object in UTF-8, sent as application/scim+json or application/json (identity
/// providers send either). Anything else is answered with a SCIM error, never an exception.
/// </summary>
public static class ScimRequestBody
{
    /// <summary>Larger than any user or group a provider sends; a bigger body is refused before it is buffered whole.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpContext context, IStringLocalizer t, CancellationToken ct)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !(mediaType.Equals(ScimJsonResult.MediaType, StringComparison.OrdinalIgnoreCase) || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            return (null, ScimErrors.Result(StatusCodes.Status415UnsupportedMediaType, t["Send a JSON body with Content-Type: application/scim+json."]));
        if (context.Request.ContentLength > MaxBytes)
            return (null, ScimErrors.Result(StatusCodes.Status413PayloadTooLarge, t["The body is larger than {0} bytes.", MaxBytes]));

        JsonObject? body = null;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                    return (null, ScimErrors.Result(StatusCodes.Status413PayloadTooLarge, t["The body is larger than {0} bytes.", MaxBytes]));
                buffer.Write(chunk, 0, read);
            }

            var utf8 = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (Utf8.IsValid(utf8)) body = JsonNode.Parse(utf8) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        return body is null
            ? (null, ScimErrors.Result(StatusCodes.Status400BadRequest, t["The body must be one JSON object in UTF-8."], ScimErrorType.InvalidSyntax))
            : (body, null);
    }
}
