using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>The schema URNs of RFC 7643/7644 this service speaks, and the portal's own extension.</summary>
public static class ScimSchemas
{
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Group = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>The portal's account attributes (SPEC 2.9a), keyed by attribute key.</summary>
    public const string PortalAttributes = "urn:profileportal:params:scim:schemas:extension:attributes:1.0:User";

    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";
}

/// <summary>
/// Versions (RFC 7644 3.14): a weak ETag computed from the resource's JSON without "meta", so it changes exactly when
/// what a provider can read changes, whoever made the change (a provider, an administrator or the person), with no
/// column to keep in step.
/// </summary>
public static class ScimVersion
{
    public static string Of(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        copy.Remove("meta");
        var hash = SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(copy));
        return "W/\"" + Convert.ToHexStringLower(hash.AsSpan(0, 16)) + "\"";
    }

    /// <summary>True when the request carries If-Match and none of its tags is <paramref name="etag"/> (answer 412).</summary>
    public static bool IfMatchFails(HttpRequest request, string etag)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0) return false;
        return !Tags(header).Any(tag => tag == "*" || WeakEquals(tag, etag));
    }

    /// <summary>True when If-None-Match names <paramref name="etag"/> (a GET answers 304).</summary>
    public static bool IfNoneMatchHits(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        return header.Length > 0 && Tags(header).Any(tag => tag == "*" || WeakEquals(tag, etag));
    }

    private static string[] Tags(string header) => header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // Weak comparison (RFC 9110 8.8.3.2): the opaque parts match, with or without "W/".
    private static bool WeakEquals(string a, string b) => Opaque(a) == Opaque(b);

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}

/// <summary>Paging and projection of list requests (RFC 7644 3.4.2.4, 3.4.2.5) and the ListResponse message.</summary>
public static class ScimLists
{
    public const int DefaultCount = 100;
    public const int MaxCount = 200;

    /// <summary>startIndex is 1-based (below 1 means 1); count defaults to 100, at most 200, below 0 means 0.</summary>
    public static bool TryReadPaging(HttpRequest request, IStringLocalizer t, out int startIndex, out int count, out IResult? error)
    {
        startIndex = 1;
        count = DefaultCount;
        error = null;
        if (request.Query.TryGetValue("startIndex", out var start) && start.Count > 0)
        {
            if (!int.TryParse(start[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out startIndex))
            {
                error = ScimErrors.Result(StatusCodes.Status400BadRequest, t["startIndex must be a whole number."], ScimErrorType.InvalidValue);
                return false;
            }
            startIndex = Math.Max(1, startIndex);
        }

        if (request.Query.TryGetValue("count", out var size) && size.Count > 0)
        {
            if (!int.TryParse(size[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            {
                error = ScimErrors.Result(StatusCodes.Status400BadRequest, t["count must be a whole number."], ScimErrorType.InvalidValue);
                return false;
            }
            count = Math.Clamp(count, 0, MaxCount);
        }

        return true;
    }

    public static JsonObject ListResponse(IReadOnlyList<JsonObject> resources, int totalResults, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ListResponse),
        ["totalResults"] = totalResults,
        ["itemsPerPage"] = resources.Count,
        ["startIndex"] = startIndex,
        ["Resources"] = new JsonArray([.. resources]),
    };

    /// <summary>
    /// Applies "attributes" (only these, plus id, schemas and meta, which are always returned) or "excludedAttributes"
    /// (all but these) to a resource. Names are top-level attribute names or "urn:…:attribute"; case-insensitive.
    /// </summary>
    public static JsonObject Project(JsonObject resource, HttpRequest request)
    {
        var only = Names(request, "attributes");
        var excluded = Names(request, "excludedAttributes");
        if (only.Count == 0 && excluded.Count == 0) return resource;
        foreach (var name in resource.Select(p => p.Key).ToList())
        {
            if (name is "id" or "schemas" or "meta") continue;
            var keep = only.Count == 0 || only.Any(n => Matches(n, name));
            if (excluded.Any(n => Matches(n, name))) keep = false;
            if (!keep) resource.Remove(name);
        }

        return resource;
    }

    private static List<string> Names(HttpRequest request, string parameter)
        => request.Query[parameter].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    // "name.givenName" keeps or drops the whole "name" (no provider needs sub-attribute projection); a core-schema
    // qualified name ("urn:…:core:2.0:User:userName") is the plain attribute; "urn:…:enterprise:2.0:User:department"
    // keeps or drops the extension object it lives in.
    private static bool Matches(string requested, string attribute)
    {
        foreach (var core in (string[])[ScimSchemas.User + ":", ScimSchemas.Group + ":"])
        {
            if (requested.StartsWith(core, StringComparison.OrdinalIgnoreCase)) requested = requested[core.Length..];
        }

        return requested.Split('.')[0].Equals(attribute, StringComparison.OrdinalIgnoreCase)
               || requested.StartsWith(attribute + ":", StringComparison.OrdinalIgnoreCase);
    }
}
