using System.Text.Json.Nodes;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// The discovery documents (RFC 7643 sections 5–7). They describe exactly the attributes the portal maps (docs/scim.md,
/// docs/scim-users.md); attributes accepted and ignored are not listed. Descriptions are protocol metadata read by
/// identity providers' tools, in English like the RFC's own.
/// </summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(PublicLinks links) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ServiceProviderConfig),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = ScimLists.MaxCount },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = true },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Provisioning token",
            ["description"] = "A provisioning token created by an administrator on /Admin/Provisioning, sent as \"Authorization: Bearer <token>\".",
            ["primary"] = true,
        }),
        ["meta"] = Meta("ServiceProviderConfig", links.Path(ProvisioningSetup.BasePath + "/ServiceProviderConfig")),
    };

    public static List<JsonObject> ResourceTypes(PublicLinks links) =>
    [
        ResourceType(links, "User", "/Users", "A person's account.", ScimSchemas.User, ScimSchemas.EnterpriseUser, ScimSchemas.PortalAttributes),
        ResourceType(links, "Group", "/Groups", "A role of the portal; its members are the people holding it.", ScimSchemas.Group),
    ];

    private static JsonObject ResourceType(PublicLinks links, string name, string endpoint, string description, string schema, params string[] extensions) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.ResourceType),
        ["id"] = name,
        ["name"] = name,
        ["endpoint"] = endpoint,
        ["description"] = description,
        ["schema"] = schema,
        ["schemaExtensions"] = new JsonArray([.. extensions.Select(urn => (JsonNode)new JsonObject { ["schema"] = urn, ["required"] = false })]),
        ["meta"] = Meta("ResourceType", links.Path(ProvisioningSetup.BasePath + "/ResourceTypes/" + name)),
    };

    public static List<JsonObject> Schemas(IReadOnlyList<AccountAttributeDefinition> definitions, PublicLinks links) =>
    [
        Schema(links, ScimSchemas.User, "User", "User Account",
        [
            Attribute("userName", "string", "The identity provider's unique name for the person (an email address or UPN); unique regardless of case.", required: true, uniqueness: "server"),
            Complex("name", "The person's name.", multiValued: false,
            [
                Attribute("formatted", "string", "The full name, given then family name.", mutability: "readOnly"),
                Attribute("givenName", "string", "2 to 100 characters."),
                Attribute("familyName", "string", "2 to 100 characters."),
            ]),
            Attribute("displayName", "string", "The full name; ignored on input (set name instead).", mutability: "readOnly"),
            Attribute("title", "string", "Job title."),
            Attribute("active", "boolean", "false disables the person: their sessions end and their personal access tokens are revoked."),
            Complex("emails", "The primary (else work, else first) address is the sign-in email; required on create.", multiValued: true, SubAttributes("value", "work")),
            Complex("phoneNumbers", "The primary (else work, else mobile) number, in international form.", multiValued: true, SubAttributes("value", "work", "mobile")),
            Complex("groups", "The person's role (one); change it through /Groups.", multiValued: true,
            [
                Attribute("value", "string", "The role's group id.", mutability: "readOnly"),
                Attribute("$ref", "reference", "The group's URI.", mutability: "readOnly", referenceTypes: ["Group"]),
                Attribute("display", "string", "The role's name.", mutability: "readOnly"),
            ], mutability: "readOnly"),
        ]),
        Schema(links, ScimSchemas.EnterpriseUser, "EnterpriseUser", "Enterprise User",
        [
            Attribute("organization", "string", "The portal organization, by name; created when missing."),
            Attribute("department", "string", "A department of the person's organization, by name; created when missing."),
        ]),
        Schema(links, ScimSchemas.PortalAttributes, "PortalAttributes", "The portal's account attributes, keyed by attribute key",
            [.. definitions.Select(PortalAttribute)]),
        Schema(links, ScimSchemas.Group, "Group", "Group: a role of the portal",
        [
            Attribute("displayName", "string", "The role's name. Roles are defined in the portal: name the identity provider's group after one.",
                required: true, mutability: "immutable", uniqueness: "server"),
            Complex("members", "The people holding the role. Joining gives a person the role (each person has one); leaving gives them Member.", multiValued: true,
            [
                Attribute("value", "string", "A user's id.", mutability: "immutable"),
                Attribute("$ref", "reference", "The user's URI.", mutability: "immutable", referenceTypes: ["User"]),
                Attribute("display", "string", "The user's full name.", mutability: "readOnly"),
                Attribute("type", "string", "Always User.", mutability: "immutable", canonicalValues: ["User"]),
            ]),
        ]),
    ];

    /// <summary>An account attribute as a SCIM attribute: yes/no is boolean; text, dates ("yyyy-MM-dd") and choices are strings.</summary>
    private static JsonObject PortalAttribute(AccountAttributeDefinition definition) => definition.Type switch
    {
        AttributeType.YesNo => Attribute(definition.Key, "boolean", definition.Label),
        AttributeType.Date => Attribute(definition.Key, "string", definition.Label + " (a date, yyyy-MM-dd)"),
        AttributeType.Choice => Attribute(definition.Key, "string", definition.Label, canonicalValues: definition.Choices),
        _ => Attribute(definition.Key, "string", $"{definition.Label} (up to {AccountAttributeDefinition.TextMaxLength} characters)"),
    };

    private static JsonObject Schema(PublicLinks links, string urn, string name, string description, IEnumerable<JsonObject> attributes) => new()
    {
        ["schemas"] = new JsonArray(ScimSchemas.Schema),
        ["id"] = urn,
        ["name"] = name,
        ["description"] = description,
        ["attributes"] = new JsonArray([.. attributes]),
        ["meta"] = Meta("Schema", links.Path(ProvisioningSetup.BasePath + "/Schemas/" + urn)),
    };

    private static JsonObject Attribute(
        string name, string type, string description, bool required = false, string mutability = "readWrite", string uniqueness = "none",
        IEnumerable<string>? canonicalValues = null, IEnumerable<string>? referenceTypes = null)
    {
        var attribute = new JsonObject
        {
            ["name"] = name,
            ["type"] = type,
            ["multiValued"] = false,
            ["description"] = description,
            ["required"] = required,
            ["caseExact"] = false,
            ["mutability"] = mutability,
            ["returned"] = "default",
            ["uniqueness"] = uniqueness,
        };
        if (canonicalValues is not null) attribute["canonicalValues"] = new JsonArray([.. canonicalValues.Select(v => (JsonNode)v)]);
        if (referenceTypes is not null) attribute["referenceTypes"] = new JsonArray([.. referenceTypes.Select(v => (JsonNode)v)]);
        return attribute;
    }

    private static JsonObject Complex(string name, string description, bool multiValued, IEnumerable<JsonObject> subAttributes, string mutability = "readWrite")
    {
        var attribute = Attribute(name, "complex", description, mutability: mutability);
        attribute["multiValued"] = multiValued;
        attribute["subAttributes"] = new JsonArray([.. subAttributes]);
        return attribute;
    }

    // emails and phoneNumbers: one value is mapped; the types say which one is read.
    private static JsonObject[] SubAttributes(string value, params string[] types) =>
    [
        Attribute(value, "string", "The value."),
        Attribute("type", "string", "Which value is mapped (the primary one first).", canonicalValues: types),
        Attribute("primary", "boolean", "Marks the value that is mapped."),
    ];

    private static JsonObject Meta(string resourceType, string location) => new() { ["resourceType"] = resourceType, ["location"] = location };
}
