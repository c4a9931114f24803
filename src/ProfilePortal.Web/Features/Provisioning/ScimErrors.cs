using System.Globalization;
using System.Text.Json.Nodes;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>The scimType values of RFC 7644 section 3.12 that this service answers with.</summary>
public static class ScimErrorType
{
    public const string InvalidFilter = "invalidFilter";
    public const string TooMany = "tooMany";
    public const string Uniqueness = "uniqueness";
    public const string Mutability = "mutability";
    public const string InvalidSyntax = "invalidSyntax";
    public const string InvalidPath = "invalidPath";
    public const string NoTarget = "noTarget";
    public const string InvalidValue = "invalidValue";
    public const string InvalidVersion = "invalidVersion";
}

/// <summary>SCIM error responses (RFC 7644 section 3.12): the Error schema, the status as a string, a detail, a scimType.</summary>
public static class ScimErrors
{
    public const string Schema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static IResult Result(int status, string detail, string? scimType = null)
        => new ScimJsonResult(Body(status, detail, scimType), status);

    public static Task WriteAsync(HttpContext context, int status, string detail, string? scimType = null)
        => Result(status, detail, scimType).ExecuteAsync(context);

    private static JsonObject Body(int status, string detail, string? scimType)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(Schema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null) body["scimType"] = scimType;
        return body;
    }
}
