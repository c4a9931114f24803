using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// PATCH of a User (RFC 7644 3.5.2) applied to the resource's JSON: the result is then read and saved like a PUT, so
/// all operations apply or none (ScimUserService validates the result as a whole and saves once). "op" in any case
/// (Microsoft Entra ID sends "Replace"); no path with an object value (each key is a path); simple, complex,
/// schema-qualified and value-filtered paths.
/// </summary>
public sealed class ScimUserPatch(IStringLocalizer<SharedResource> t)
{
    private static readonly string[] SingleValued = ["userName", "externalId", "displayName", "title", "active"];
    private static readonly string[] Required = ["userName", "active"];
    private static readonly string[] MemberAttributes = ["value", "type", "primary", "display"];
    private static readonly string[] ReadOnly = ["id", "meta", "schemas", "groups"];

    /// <summary>Applies the operations to <paramref name="resource"/>; the paths named, for the audit; or an error.</summary>
    public (List<string> Paths, IResult? Error) Apply(JsonObject resource, JsonObject body)
    {
        var paths = new List<string>();
        var schemas = ScimUserMapper.Get(body, "schemas") as JsonArray;
        if (schemas is null || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var u) && u.Equals(ScimSchemas.PatchOp, StringComparison.OrdinalIgnoreCase)))
            return (paths, Error(t["schemas must contain {0}.", ScimSchemas.PatchOp], ScimErrorType.InvalidSyntax));
        if (ScimUserMapper.Get(body, "Operations") is not JsonArray operations || operations.Count == 0)
            return (paths, Error(t["Operations must be a non-empty list."], ScimErrorType.InvalidSyntax));

        foreach (var item in operations)
        {
            if (item is not JsonObject operation) return (paths, Error(t["Each operation must be an object."], ScimErrorType.InvalidSyntax));
            var opText = (ScimUserMapper.Get(operation, "op") as JsonValue)?.TryGetValue<string>(out var o) == true ? o.ToLowerInvariant() : null;
            if (opText is not ("add" or "replace" or "remove"))
                return (paths, Error(t["op must be add, replace or remove."], ScimErrorType.InvalidSyntax));
            var value = ScimUserMapper.Get(operation, "value");
            var pathNode = ScimUserMapper.Get(operation, "path");
            string? path = null;
            if (pathNode is not null && !(pathNode is JsonValue pv && pv.TryGetValue(out path)))
                return (paths, Error(t["path must be a string."], ScimErrorType.InvalidPath));

            IResult? error;
            if (string.IsNullOrWhiteSpace(path))
            {
                if (opText == "remove") return (paths, Error(t["remove needs a path."], ScimErrorType.NoTarget));
                if (value is not JsonObject values) return (paths, Error(t["Without a path, value must be an object of attributes."], ScimErrorType.InvalidValue));
                foreach (var (key, member) in values)
                {
                    paths.Add(key);
                    if ((error = ApplyPath(resource, opText, key, member)) is not null) return (paths, error);
                }

                continue;
            }

            paths.Add(path.Trim());
            if ((error = ApplyPath(resource, opText, path.Trim(), value)) is not null) return (paths, error);
        }

        return (paths, null);
    }

    private IResult? ApplyPath(JsonObject resource, string op, string text, JsonNode? value)
    {
        // A whole extension: "urn:…:enterprise:2.0:User" with an object value.
        foreach (var schema in (string[])[ScimSchemas.EnterpriseUser, ScimSchemas.PortalAttributes])
        {
            if (!text.Equals(schema, StringComparison.OrdinalIgnoreCase)) continue;
            if (op == "remove") { resource[schema] = new JsonObject(); return null; }
            if (value is not JsonObject members) return Error(t["The value of {0} has the wrong type.", text], ScimErrorType.InvalidValue);
            foreach (var (key, member) in members)
            {
                if (ApplyPath(resource, op, schema + ":" + key, member) is { } error) return error;
            }

            return null;
        }

        if (!ScimAttributePath.TryParse(text, out var path, out var parseError))
            return Error(t["Unknown path {0}.", text] + " " + parseError, ScimErrorType.InvalidPath);

        if (path.Schema is not null && path.Schema.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            return ApplyEnterprise(resource, op, path, value, text);
        if (path.Schema is not null && path.Schema.Equals(ScimSchemas.PortalAttributes, StringComparison.OrdinalIgnoreCase))
        {
            if (path.SubAttribute is not null || path.ValueFilter is not null) return UnknownPath(text);
            var attributes = (JsonObject)resource[ScimSchemas.PortalAttributes]!;
            attributes[path.Name.ToLowerInvariant()] = op == "remove" ? null : value?.DeepClone();
            return null;
        }

        if (path.Schema is not null && !path.Schema.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase)) return UnknownPath(text);

        if (ReadOnly.Any(r => path.Is(r) || path.Name.Equals(r, StringComparison.OrdinalIgnoreCase)))
            return Error(t["{0} cannot be changed.", text], ScimErrorType.Mutability);
        if (ScimUserMapper.Ignored.Any(n => path.Name.Equals(n, StringComparison.OrdinalIgnoreCase))) return null;

        var single = SingleValued.FirstOrDefault(n => path.Is(n));
        if (single is not null)
        {
            if (op == "remove")
            {
                if (Required.Contains(single)) return Error(t["{0} is required and cannot be removed.", single], ScimErrorType.Mutability);
                resource.Remove(single);
            }
            else
            {
                resource[single] = value?.DeepClone();
            }

            return null;
        }

        if (path.Name.Equals("name", StringComparison.OrdinalIgnoreCase) && path.ValueFilter is null)
            return ApplyName(resource, op, path, value, text);
        if ((path.Name.Equals("emails", StringComparison.OrdinalIgnoreCase) || path.Name.Equals("phoneNumbers", StringComparison.OrdinalIgnoreCase)))
            return ApplyMultiValued(resource, op, path, value, text);
        return UnknownPath(text);
    }

    private IResult? ApplyEnterprise(JsonObject resource, string op, ScimAttributePath path, JsonNode? value, string text)
    {
        if (ScimUserMapper.EnterpriseIgnored.Any(n => path.Name.Equals(n, StringComparison.OrdinalIgnoreCase))) return null;
        var name = path.Is("organization") ? "organization" : path.Is("department") ? "department" : null;
        if (name is null) return UnknownPath(text);
        var enterprise = (JsonObject)resource[ScimSchemas.EnterpriseUser]!;
        if (op == "remove")
        {
            enterprise.Remove(name);
        }
        else
        {
            enterprise[name] = value?.DeepClone();
        }

        return null;
    }

    private IResult? ApplyName(JsonObject resource, string op, ScimAttributePath path, JsonNode? value, string text)
    {
        if (op == "remove") return Error(t["{0} is required and cannot be removed.", text], ScimErrorType.Mutability);
        var name = resource["name"] as JsonObject ?? [];
        resource["name"] = name;
        if (path.SubAttribute is null)
        {
            if (value is not JsonObject parts) return Error(t["The value of {0} has the wrong type.", text], ScimErrorType.InvalidValue);
            foreach (var (key, part) in parts) SetNamePart(name, key, part);
            return null;
        }

        if (!(path.Is("name", "givenName") || path.Is("name", "familyName") || path.Is("name", "formatted"))) return UnknownPath(text);
        SetNamePart(name, path.SubAttribute, value);
        return null;
    }

    private static void SetNamePart(JsonObject name, string key, JsonNode? part)
    {
        // formatted, middleName, honorificPrefix, ... are accepted and ignored.
        if (key.Equals("givenName", StringComparison.OrdinalIgnoreCase)) name["givenName"] = part?.DeepClone();
        if (key.Equals("familyName", StringComparison.OrdinalIgnoreCase)) name["familyName"] = part?.DeepClone();
    }

    /// <summary>emails / phoneNumbers: whole list, "emails.value", or "emails[type eq \"work\"].value".</summary>
    private IResult? ApplyMultiValued(JsonObject resource, string op, ScimAttributePath path, JsonNode? value, string text)
    {
        var name = path.Name.Equals("emails", StringComparison.OrdinalIgnoreCase) ? "emails" : "phoneNumbers";
        var list = resource[name] as JsonArray ?? [];
        resource[name] = list;
        if (path.ValueFilter is null && path.SubAttribute is null)
        {
            if (op == "remove") { resource.Remove(name); return null; }
            var added = value switch
            {
                JsonArray array => array.Select(n => n?.DeepClone()).ToList(),
                JsonObject member => [member.DeepClone()],
                _ => null,
            };
            if (added is null) return Error(t["The value of {0} has the wrong type.", text], ScimErrorType.InvalidValue);
            if (op == "replace") list.Clear();
            foreach (var member in added) list.Add(member);
            return null;
        }

        var sub = path.SubAttribute ?? "value";
        if (!MemberAttributes.Contains(sub, StringComparer.OrdinalIgnoreCase)) return UnknownPath(text);
        var matches = list.OfType<JsonObject>().Where(m => path.ValueFilter is null || Matches(m, path.ValueFilter)).ToList();
        if (op == "remove")
        {
            if (matches.Count == 0) return Error(t["No value matches {0}.", text], ScimErrorType.NoTarget);
            foreach (var member in matches)
            {
                if (path.SubAttribute is null || sub.Equals("value", StringComparison.OrdinalIgnoreCase))
                {
                    list.Remove(member);
                }
                else
                {
                    member.Remove(sub);
                }
            }

            return null;
        }

        if (path.SubAttribute is null)
        {
            // "emails[type eq "work"]" with an object value: replace the matching members' attributes.
            if (value is not JsonObject replacement) return Error(t["The value of {0} has the wrong type.", text], ScimErrorType.InvalidValue);
            if (matches.Count == 0) list.Add(replacement.DeepClone());
            foreach (var member in matches)
            {
                foreach (var (key, part) in replacement) member[key] = part?.DeepClone();
            }

            return null;
        }

        if (matches.Count == 0)
        {
            // Entra ID replaces emails[type eq "work"].value on people who have no work address yet: add one.
            var created = new JsonObject();
            foreach (var comparison in path.ValueFilter?.Comparisons ?? [])
                created[comparison.Path.Name] = comparison.Value switch { string s => JsonValue.Create(s), bool b => JsonValue.Create(b), _ => null };
            created[sub] = value?.DeepClone();
            list.Add(created);
            return null;
        }

        foreach (var member in matches) member[sub] = value?.DeepClone();
        return null;
    }

    private static bool Matches(JsonObject member, ScimFilter filter)
        => filter.Comparisons.All(c =>
        {
            var actual = ScimUserMapper.Get(member, c.Path.Name);
            return c.Value switch
            {
                null => actual is null,
                bool b => ScimUserMapper.TryBoolean(actual, out var v) && v == b,
                string s => actual is JsonValue j && j.TryGetValue<string>(out var a) && a.Equals(s, StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
        });

    private IResult UnknownPath(string text) => Error(t["Unknown path {0}.", text], ScimErrorType.InvalidPath);

    private static IResult Error(string detail, string scimType) => ScimErrors.Result(StatusCodes.Status400BadRequest, detail, scimType);
}
