using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>What a SCIM User is read from: one row per person, projected in one query (ScimUserService).</summary>
public sealed class ScimUserRow
{
    public Guid Id { get; init; }
    public string? UserName { get; init; }
    public string? ProvisionedUserName { get; init; }
    public string? ExternalId { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Title { get; init; }
    public string? Email { get; init; }
    public string? PhoneNumber { get; init; }
    public DateTime? DisabledAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? OrganizationName { get; init; }
    public string? DepartmentName { get; init; }
    public Guid? RoleId { get; init; }
    public string? RoleName { get; init; }
    public List<ScimAttributeValueRow> Attributes { get; init; } = [];

    public string ScimUserName => ProvisionedUserName ?? UserName ?? "";
}

public sealed record ScimAttributeValueRow(string Key, AttributeType Type, string Value);

/// <summary>
/// A User as a provider sent it (POST, PUT, or the resource after a PATCH), read into the attributes the portal maps.
/// Null means "not sent"; <see cref="Attributes"/> holds only the keys sent (a JSON null clears).
/// </summary>
public sealed class ScimUserInput
{
    public string? UserName { get; set; }
    public string? ExternalId { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? DisplayName { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool? Active { get; set; }
    public bool HasEnterprise { get; set; }
    public string? Organization { get; set; }
    public string? Department { get; set; }
    public Dictionary<string, JsonNode?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// JSON ↔ account for SCIM Users (RFC 7643 4.1, the enterprise extension 4.3 and the portal's attribute schema), as
/// docs/scim-users.md describes. Attribute names are case-insensitive (RFC 7643 2.1).
/// </summary>
public sealed class ScimUserMapper(PublicLinks links, IStringLocalizer<SharedResource> t)
{
    public const string ResourcePath = ProvisioningSetup.BasePath + "/Users/";

    /// <summary>Core attributes the portal maps (canonical spelling).</summary>
    public static readonly string[] Mapped =
        ["id", "externalId", "meta", "schemas", "userName", "name", "displayName", "title", "active", "emails", "phoneNumbers", "groups"];

    /// <summary>RFC 7643 core attributes (and the password) accepted and ignored.</summary>
    public static readonly string[] Ignored =
        ["nickName", "profileUrl", "userType", "preferredLanguage", "locale", "timezone", "password", "ims", "photos", "addresses", "entitlements", "roles", "x509Certificates"];

    public static readonly string[] EnterpriseIgnored = ["employeeNumber", "costCenter", "division", "manager"];

    public string Location(Guid id) => links.Path(ResourcePath + id.ToString("D"));

    public JsonObject ToResource(ScimUserRow row)
    {
        var resource = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimSchemas.User, ScimSchemas.EnterpriseUser, ScimSchemas.PortalAttributes),
            ["id"] = row.Id.ToString("D"),
        };
        if (row.ExternalId is not null) resource["externalId"] = row.ExternalId;
        resource["userName"] = row.ScimUserName;
        var fullName = $"{row.FirstName} {row.LastName}".Trim();
        resource["name"] = new JsonObject { ["givenName"] = row.FirstName, ["familyName"] = row.LastName, ["formatted"] = fullName };
        resource["displayName"] = fullName;
        if (!string.IsNullOrEmpty(row.Title)) resource["title"] = row.Title;
        resource["active"] = row.DisabledAt is null;
        if (!string.IsNullOrEmpty(row.Email))
            resource["emails"] = new JsonArray(new JsonObject { ["value"] = row.Email, ["type"] = "work", ["primary"] = true });
        if (!string.IsNullOrEmpty(row.PhoneNumber))
            resource["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = row.PhoneNumber, ["type"] = "work", ["primary"] = true });
        resource["groups"] = row.RoleId is { } roleId
            ? new JsonArray(new JsonObject { ["value"] = roleId.ToString("D"), ["display"] = row.RoleName, ["$ref"] = links.Path(ProvisioningSetup.BasePath + "/Groups/" + roleId.ToString("D")) })
            : new JsonArray();

        var enterprise = new JsonObject();
        if (row.OrganizationName is not null) enterprise["organization"] = row.OrganizationName;
        if (row.DepartmentName is not null) enterprise["department"] = row.DepartmentName;
        resource[ScimSchemas.EnterpriseUser] = enterprise;

        var attributes = new JsonObject();
        foreach (var value in row.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            attributes[value.Key] = value.Type == AttributeType.YesNo ? JsonValue.Create(value.Value == BuiltInAttributes.Yes) : JsonValue.Create(value.Value);
        resource[ScimSchemas.PortalAttributes] = attributes;

        var version = ScimVersion.Of(resource);
        resource["meta"] = new JsonObject
        {
            ["resourceType"] = "User",
            ["created"] = DateTime.SpecifyKind(row.CreatedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["location"] = Location(row.Id),
            ["version"] = version,
        };
        return resource;
    }

    /// <summary>Reads a User body; an error for attributes of no known schema, wrong JSON types and missing schemas.</summary>
    public (ScimUserInput? Input, IResult? Error) Read(JsonObject body, bool requireSchemas)
    {
        var input = new ScimUserInput();
        if (requireSchemas)
        {
            var schemas = Get(body, "schemas") as JsonArray;
            if (schemas is null || !schemas.Any(s => s is JsonValue v && v.TryGetValue<string>(out var u) && u.Equals(ScimSchemas.User, StringComparison.OrdinalIgnoreCase)))
                return (null, Error(t["schemas must contain {0}.", ScimSchemas.User], ScimErrorType.InvalidSyntax));
        }

        foreach (var (name, node) in body)
        {
            if (name.Equals(ScimSchemas.EnterpriseUser, StringComparison.OrdinalIgnoreCase))
            {
                if (node is null) { input.HasEnterprise = true; continue; }
                if (node is not JsonObject enterprise) return (null, InvalidValue(name));
                input.HasEnterprise = true;
                foreach (var (key, value) in enterprise)
                {
                    var isOrganization = key.Equals("organization", StringComparison.OrdinalIgnoreCase);
                    if (isOrganization || key.Equals("department", StringComparison.OrdinalIgnoreCase))
                    {
                        if (!TryString(value, out var s)) return (null, InvalidValue(key));
                        if (isOrganization)
                        {
                            input.Organization = Blank(s);
                        }
                        else
                        {
                            input.Department = Blank(s);
                        }
                    }
                    else if (!EnterpriseIgnored.Contains(key, StringComparer.OrdinalIgnoreCase))
                    {
                        return (null, Unknown(ScimSchemas.EnterpriseUser + ":" + key));
                    }
                }

                continue;
            }

            if (name.Equals(ScimSchemas.PortalAttributes, StringComparison.OrdinalIgnoreCase))
            {
                if (node is null) continue;
                if (node is not JsonObject portal) return (null, InvalidValue(name));
                foreach (var (key, value) in portal) input.Attributes[key.ToLowerInvariant()] = value?.DeepClone();
                continue;
            }

            var canonical = Mapped.FirstOrDefault(m => m.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (canonical is null)
            {
                if (Ignored.Contains(name, StringComparer.OrdinalIgnoreCase)) continue;
                return (null, Unknown(name));
            }

            switch (canonical)
            {
                case "userName":
                    if (!TryString(node, out var userName)) return (null, InvalidValue(name));
                    input.UserName = Blank(userName);
                    break;
                case "externalId":
                    if (!TryString(node, out var externalId)) return (null, InvalidValue(name));
                    input.ExternalId = Blank(externalId);
                    break;
                case "displayName":
                    if (!TryString(node, out var displayName)) return (null, InvalidValue(name));
                    input.DisplayName = Blank(displayName);
                    break;
                case "title":
                    if (!TryString(node, out var title)) return (null, InvalidValue(name));
                    input.Title = Blank(title);
                    break;
                case "name":
                    if (node is null) break;
                    if (node is not JsonObject nameObject) return (null, InvalidValue(name));
                    if (!TryString(Get(nameObject, "givenName"), out var given) || !TryString(Get(nameObject, "familyName"), out var family))
                        return (null, InvalidValue(name));
                    input.GivenName = Blank(given);
                    input.FamilyName = Blank(family);
                    break;
                case "active":
                    if (node is null) break;
                    if (!TryBoolean(node, out var active)) return (null, InvalidValue(name));
                    input.Active = active;
                    break;
                case "emails":
                    if (!TryPick(node, out var email)) return (null, InvalidValue(name));
                    input.Email = email;
                    break;
                case "phoneNumbers":
                    if (!TryPick(node, out var phone)) return (null, InvalidValue(name));
                    input.Phone = phone;
                    break;
            }
        }

        return (input, null);
    }

    /// <summary>A JSON boolean, or the strings "true"/"false" in any case (Microsoft Entra ID sends "False").</summary>
    public static bool TryBoolean(JsonNode? node, out bool value)
    {
        value = false;
        if (node is not JsonValue v) return false;
        if (v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) { value = v.GetValue<bool>(); return true; }
        return v.TryGetValue<string>(out var s) && bool.TryParse(s.Trim(), out value);
    }

    /// <summary>The member of a multi-valued attribute (emails, phoneNumbers) the portal keeps: primary, else "work", else the first (emails) or "mobile" (phones).</summary>
    private static bool TryPick(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null) return true;
        if (node is not JsonArray array) return false;
        var members = new List<(string? Value, string? Type, bool Primary)>();
        foreach (var item in array)
        {
            if (item is not JsonObject member) return false;
            if (!TryString(Get(member, "value"), out var v) || !TryString(Get(member, "type"), out var type)) return false;
            var primaryNode = Get(member, "primary");
            var primary = false;
            if (primaryNode is not null && !TryBoolean(primaryNode, out primary)) return false;
            if (!string.IsNullOrWhiteSpace(v)) members.Add((v.Trim(), type, primary));
        }

        var chosen = members.FirstOrDefault(m => m.Primary);
        if (chosen.Value is null) chosen = members.FirstOrDefault(m => "work".Equals(m.Type, StringComparison.OrdinalIgnoreCase));
        if (chosen.Value is null) chosen = members.FirstOrDefault(m => "mobile".Equals(m.Type, StringComparison.OrdinalIgnoreCase));
        if (chosen.Value is null && members.Count > 0) chosen = members[0];
        value = chosen.Value;
        return true;
    }

    public static JsonNode? Get(JsonObject obj, string name)
        => obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static bool TryString(JsonNode? node, out string? value)
    {
        value = null;
        if (node is null) return true;
        return node is JsonValue v && v.TryGetValue(out value);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private IResult InvalidValue(string attribute) => Error(t["The value of {0} has the wrong type.", attribute], ScimErrorType.InvalidValue);

    private IResult Unknown(string attribute) => Error(t["Unknown attribute {0}.", attribute], ScimErrorType.InvalidSyntax);

    private static IResult Error(string detail, string scimType) => ScimErrors.Result(StatusCodes.Status400BadRequest, detail, scimType);
}
