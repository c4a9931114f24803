using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// /scim/v2/Groups (RFC 7644 section 3, groups = roles, see <see cref="ScimGroupService"/>): read, list, and membership
/// changes by PATCH (what Microsoft Entra ID and Okta send) or PUT. Creating a group answers 409 when the role exists
/// (the provider then looks it up by displayName) and 400 otherwise; renaming and deleting are refused (mutability).
/// </summary>
public static class ScimGroupEndpoints
{
    public static RouteGroupBuilder MapScimGroups(this RouteGroupBuilder scim)
    {
        scim.MapGet("/Groups", ListAsync);
        scim.MapGet("/Groups/{id}", GetAsync);
        scim.MapPost("/Groups", CreateAsync);
        scim.MapPut("/Groups/{id}", ReplaceAsync);
        scim.MapPatch("/Groups/{id}", PatchAsync);
        scim.MapDelete("/Groups/{id}", DeleteAsync);
        return scim;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!ScimLists.TryReadPaging(request, t, out var startIndex, out var count, out var pagingError)) return pagingError!;
        ScimFilter? filter = null;
        if (request.Query["filter"].ToString() is { Length: > 0 } text && !ScimFilter.TryParse(text, out filter, out var parseError))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, parseError, ScimErrorType.InvalidFilter);

        var (page, total, error) = await groups.ListAsync(filter, startIndex, count, cancellationToken);
        if (error is not null) return error;
        return new ScimJsonResult(ScimLists.ListResponse([.. page.Select(g => ScimLists.Project(g, request))], total, startIndex));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        if (await groups.FindRoleAsync(id, cancellationToken) is not { } role) return NotFound(t, id);
        var resource = await groups.ResourceAsync(role, cancellationToken);
        var etag = Version(resource);
        if (ScimVersion.IfNoneMatchHits(context.Request, etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return new ScimJsonResult(ScimLists.Project(resource, context.Request), etag: etag, location: groups.Location(role));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, cancellationToken);
        if (body is null) return bodyError!;
        if (CheckGroupBody(body, t) is { } invalid) return invalid;
        if (await groups.FindRoleByNameAsync(DisplayName(body)!, cancellationToken) is not null)
            return ScimErrors.Result(StatusCodes.Status409Conflict, t["The role {0} exists; find its group with filter=displayName eq \"{0}\".", DisplayName(body)!], ScimErrorType.Uniqueness);
        // Roles are seeded, not created (not even on /Admin/Roles): the message lists the names a group can have.
        return ScimErrors.Result(StatusCodes.Status400BadRequest,
            t["There is no role named {0}. Groups map to the portal's roles; name the group after one of them: {1}.", DisplayName(body)!, string.Join(", ", await groups.RoleNamesAsync(cancellationToken))],
            ScimErrorType.InvalidValue);
    }

    /// <summary>PUT: the group's members become exactly the ones sent; without "members" they stay (RFC 7644 3.5.1 lets an omitted attribute be "not asserted").</summary>
    private static async Task<IResult> ReplaceAsync(string id, HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        if (await groups.FindRoleAsync(id, cancellationToken) is not { } role) return NotFound(t, id);
        if (await PreconditionFailsAsync(context, groups, role, t, cancellationToken) is { } failed) return failed;
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, cancellationToken);
        if (body is null) return bodyError!;
        if (CheckGroupBody(body, t) is { } invalid) return invalid;
        if (!SameName(role, DisplayName(body))) return RenameRefused(t);

        if (body.TryGetPropertyValue("members", out var members))
        {
            var ids = new HashSet<Guid>();
            if (ReadMembers(members, ids, t) is { } badMembers) return badMembers;
            if (await groups.SetMembersAsync(context.User.ProvisioningActor(), role, ids, "PUT", cancellationToken) is { } refused) return refused;
        }

        return await CurrentAsync(context, groups, role, cancellationToken);
    }

    /// <summary>
    /// PATCH (RFC 7644 3.5.2), ops in any case: add/replace/remove of "members" (with a value list, or remove all),
    /// remove of <c>members[value eq "id"]</c>, and add/replace of displayName with the role's own name (Okta sends
    /// it). All operations are checked before any applies.
    /// </summary>
    private static async Task<IResult> PatchAsync(string id, HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        if (await groups.FindRoleAsync(id, cancellationToken) is not { } role) return NotFound(t, id);
        if (await PreconditionFailsAsync(context, groups, role, t, cancellationToken) is { } failed) return failed;
        var (body, bodyError) = await ScimRequestBody.ReadObjectAsync(context, t, cancellationToken);
        if (body is null) return bodyError!;
        if (!HasSchema(body, ScimSchemas.PatchOp))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, t["A PATCH body needs \"schemas\": [\"{0}\"].", ScimSchemas.PatchOp], ScimErrorType.InvalidSyntax);
        if (body["Operations"] is not JsonArray { Count: > 0 } operations)
            return ScimErrors.Result(StatusCodes.Status400BadRequest, t["A PATCH body needs a non-empty \"Operations\" list."], ScimErrorType.InvalidSyntax);

        var members = (await groups.MemberIdsAsync(role, cancellationToken)).ToHashSet();
        var before = members.ToHashSet();
        foreach (var node in operations)
        {
            if (ApplyOperation(node as JsonObject, role, members, t) is { } invalid) return invalid;
        }

        if (!members.SetEquals(before)
            && await groups.SetMembersAsync(context.User.ProvisioningActor(), role, members, "PATCH", cancellationToken) is { } refused)
        {
            return refused;
        }

        return await CurrentAsync(context, groups, role, cancellationToken);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ScimGroupService groups, IStringLocalizer<SharedResource> t, CancellationToken cancellationToken)
    {
        if (await groups.FindRoleAsync(id, cancellationToken) is not { } role) return NotFound(t, id);
        if (await PreconditionFailsAsync(context, groups, role, t, cancellationToken) is { } failed) return failed;
        return ScimErrors.Result(StatusCodes.Status400BadRequest, t["Roles cannot be deleted by provisioning."], ScimErrorType.Mutability);
    }

    private static IResult? ApplyOperation(JsonObject? operation, AppRole role, HashSet<Guid> members, IStringLocalizer t)
    {
        var op = (operation?["op"] as JsonValue)?.TryGetValue<string>(out var name) == true ? name.ToLowerInvariant() : null;
        if (op is not ("add" or "replace" or "remove"))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, t["Each operation needs \"op\": add, replace or remove."], ScimErrorType.InvalidSyntax);
        var value = operation!["value"];
        var pathText = (operation["path"] as JsonValue)?.TryGetValue<string>(out var p) == true ? p : null;

        if (pathText is null)
        {
            if (op == "remove")
                return ScimErrors.Result(StatusCodes.Status400BadRequest, t["A remove operation needs a path."], ScimErrorType.NoTarget);
            if (value is not JsonObject attributes)
                return ScimErrors.Result(StatusCodes.Status400BadRequest, t["Without a path, \"value\" must be an object of attributes."], ScimErrorType.InvalidValue);
            foreach (var (attribute, attributeValue) in attributes)
            {
                var error = attribute.ToLowerInvariant() switch
                {
                    "displayname" => SameName(role, (attributeValue as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null) ? null : RenameRefused(t),
                    "members" => ChangeMembers(op, attributeValue, members, t),
                    // Okta sends the group's id with its name.
                    "id" => (attributeValue as JsonValue)?.TryGetValue<string>(out var i) == true && i == role.Id.ToString("D") ? null : ImmutableId(t),
                    _ => UnknownPath(t, attribute),
                };
                if (error is not null) return error;
            }

            return null;
        }

        if (!ScimAttributePath.TryParse(pathText, out var path, out var pathError))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, pathError, ScimErrorType.InvalidPath);
        if (path.Schema is not null && !path.Schema.Equals(ScimSchemas.Group, StringComparison.OrdinalIgnoreCase)) return UnknownPath(t, pathText);

        if (path.Is("displayName"))
        {
            if (op == "remove" || !SameName(role, (value as JsonValue)?.TryGetValue<string>(out var n) == true ? n : null)) return RenameRefused(t);
            return null;
        }

        if (path.Is("members") && path.ValueFilter is null) return ChangeMembers(op, value, members, t);

        // members[value eq "id"]: Okta's way of removing one member.
        if (path.Is("members") && path.ValueFilter is { Comparisons: [{ } only] } && only.Path.Is("value") && op == "remove")
        {
            if (!Guid.TryParseExact(only.StringValue, "D", out var userId)) return BadMember(t, only.StringValue);
            members.Remove(userId);
            return null;
        }

        return UnknownPath(t, pathText);
    }

    // add: these join; replace: exactly these; remove: these leave, or everyone when no value is given.
    private static IResult? ChangeMembers(string op, JsonNode? value, HashSet<Guid> members, IStringLocalizer t)
    {
        if (op == "remove" && value is null)
        {
            members.Clear();
            return null;
        }

        var ids = new HashSet<Guid>();
        if (ReadMembers(value, ids, t) is { } error) return error;
        switch (op)
        {
            case "add": members.UnionWith(ids); break;
            case "replace": members.Clear(); members.UnionWith(ids); break;
            default: members.ExceptWith(ids); break;
        }

        return null;
    }

    /// <summary>Members as sent: a list of {"value": "user id"} (one object alone is accepted too); null means none.</summary>
    private static IResult? ReadMembers(JsonNode? node, HashSet<Guid> ids, IStringLocalizer t)
    {
        JsonNode?[] items = node switch
        {
            null => [],
            JsonArray array => [.. array],
            JsonObject single => [single],
            _ => [node],
        };
        foreach (var item in items)
        {
            var text = (item?["value"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : null;
            if (item is not JsonObject || !Guid.TryParseExact(text, "D", out var id)) return BadMember(t, text);
            ids.Add(id);
        }

        return null;
    }

    private static IResult? CheckGroupBody(JsonObject body, IStringLocalizer t)
    {
        if (!HasSchema(body, ScimSchemas.Group))
            return ScimErrors.Result(StatusCodes.Status400BadRequest, t["\"schemas\" must contain \"{0}\".", ScimSchemas.Group], ScimErrorType.InvalidSyntax);
        foreach (var (attribute, _) in body)
        {
            if (attribute.ToLowerInvariant() is not ("schemas" or "id" or "externalid" or "meta" or "displayname" or "members"))
                return ScimErrors.Result(StatusCodes.Status400BadRequest, t["Unknown attribute \"{0}\".", attribute], ScimErrorType.InvalidSyntax);
        }

        return string.IsNullOrWhiteSpace(DisplayName(body))
            ? ScimErrors.Result(StatusCodes.Status400BadRequest, t["displayName is required."], ScimErrorType.InvalidValue)
            : null;
    }

    private static bool HasSchema(JsonObject body, string schema)
        => body["schemas"] is JsonArray schemas
           && schemas.Any(s => (s as JsonValue)?.TryGetValue<string>(out var urn) == true && urn.Equals(schema, StringComparison.OrdinalIgnoreCase));

    private static string? DisplayName(JsonObject body)
        => body.FirstOrDefault(p => p.Key.Equals("displayName", StringComparison.OrdinalIgnoreCase)).Value is JsonValue value
           && value.TryGetValue<string>(out var name) ? name : null;

    private static bool SameName(AppRole role, string? name) => string.Equals(role.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult?> PreconditionFailsAsync(HttpContext context, ScimGroupService groups, AppRole role, IStringLocalizer t, CancellationToken cancellationToken)
    {
        if (context.Request.Headers.IfMatch.Count == 0) return null;
        var etag = Version(await groups.ResourceAsync(role, cancellationToken));
        return ScimVersion.IfMatchFails(context.Request, etag)
            ? ScimErrors.Result(StatusCodes.Status412PreconditionFailed, t["The group changed since you read it (If-Match does not match its version)."])
            : null;
    }

    private static async Task<IResult> CurrentAsync(HttpContext context, ScimGroupService groups, AppRole role, CancellationToken cancellationToken)
    {
        var resource = await groups.ResourceAsync(role, cancellationToken);
        return new ScimJsonResult(ScimLists.Project(resource, context.Request), etag: Version(resource), location: groups.Location(role));
    }

    private static string Version(JsonObject resource) => (string)resource["meta"]!["version"]!;

    private static IResult NotFound(IStringLocalizer t, string id)
        => ScimErrors.Result(StatusCodes.Status404NotFound, t["No group has the id {0}.", id]);

    private static IResult RenameRefused(IStringLocalizer t)
        => ScimErrors.Result(StatusCodes.Status400BadRequest, t["Roles cannot be renamed by provisioning; name the group after the role."], ScimErrorType.Mutability);

    private static IResult ImmutableId(IStringLocalizer t)
        => ScimErrors.Result(StatusCodes.Status400BadRequest, t["A group's id cannot change."], ScimErrorType.Mutability);

    private static IResult UnknownPath(IStringLocalizer t, string path)
        => ScimErrors.Result(StatusCodes.Status400BadRequest, t["Groups have no attribute \"{0}\" that can be changed; use members or displayName.", path], ScimErrorType.InvalidPath);

    private static IResult BadMember(IStringLocalizer t, string? value)
        => ScimErrors.Result(StatusCodes.Status400BadRequest, t["A member's value must be a user id, not \"{0}\".", value ?? ""], ScimErrorType.InvalidValue);
}
