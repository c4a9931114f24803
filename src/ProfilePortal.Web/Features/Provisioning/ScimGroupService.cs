using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Provisioning;

/// <summary>
/// SCIM Groups are the portal's roles (docs/scim.md): a group's members are the people holding that role. Roles are
/// defined in the portal, so provisioning neither creates, renames nor deletes them; it only moves people between them.
/// Each person has one role: joining a group replaces their role, leaving it gives them "Member". Role changes go
/// through <see cref="UserAdminService.ChangeRolesAsync"/> (the last-administrator guard, the admin audit and the
/// person's security log, with the provisioning token as actor).
/// </summary>
public sealed class ScimGroupService(
    AppDbContext db,
    UserAdminService admin,
    AdminAuditService audit,
    AccountAttributeService attributes,
    PublicLinks links,
    IStringLocalizer<SharedResource> t)
{
    public const string ResourceType = "Group";

    /// <summary>The role, or null for an unknown or malformed id (both answer 404).</summary>
    public Task<AppRole?> FindRoleAsync(string id, CancellationToken cancellationToken)
        => Guid.TryParseExact(id, "D", out var roleId)
            ? db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roleId, cancellationToken)
            : Task.FromResult<AppRole?>(null);

    public Task<AppRole?> FindRoleByNameAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = name.Trim().ToUpperInvariant();
        return db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.NormalizedName == normalized, cancellationToken);
    }

    public Task<List<string?>> RoleNamesAsync(CancellationToken cancellationToken)
        => db.Roles.AsNoTracking().OrderBy(r => r.Name).Select(r => r.Name).ToListAsync(cancellationToken);

    /// <summary>The group of <paramref name="role"/> with all its members, its version in meta.version.</summary>
    public async Task<JsonObject> ResourceAsync(AppRole role, CancellationToken cancellationToken)
        => (await ResourcesAsync([role], cancellationToken))[0];

    /// <summary>
    /// The roles matching <paramref name="filter"/> (null: all), ordered by name, one page of them as resources; or a
    /// 400 invalidFilter when the filter names something groups cannot be filtered by.
    /// </summary>
    public async Task<(IReadOnlyList<JsonObject> Page, int Total, IResult? Error)> ListAsync(ScimFilter? filter, int startIndex, int count, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        foreach (var comparison in filter?.Comparisons ?? [])
        {
            if (!IsGroupAttribute(comparison.Path, out var attribute))
            {
                return ([], 0, ScimErrors.Result(StatusCodes.Status400BadRequest,
                    t["Groups can be filtered by displayName, id, externalId and members.value with eq."], ScimErrorType.InvalidFilter));
            }

            var value = comparison.StringValue;
            switch (attribute)
            {
                case "displayName":
                    roles = roles.Where(r => value is not null && string.Equals(r.Name, value, StringComparison.OrdinalIgnoreCase)).ToList();
                    break;
                case "id":
                    roles = roles.Where(r => r.Id.ToString("D") == value).ToList();
                    break;
                case "externalId":
                    // Roles are the portal's own: no group has an identity provider's id.
                    roles = [];
                    break;
                default:
                    var memberRoles = Guid.TryParseExact(value, "D", out var userId)
                        ? await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == userId).Select(ur => ur.RoleId).ToListAsync(cancellationToken)
                        : [];
                    roles = roles.Where(r => memberRoles.Contains(r.Id)).ToList();
                    break;
            }
        }

        var page = roles.Skip(startIndex - 1).Take(count).ToList();
        return (page.Count == 0 ? [] : await ResourcesAsync(page, cancellationToken), roles.Count, null);
    }

    // displayName, id, externalId, members.value, members[value eq "…"] (the parser turns it into members.value),
    // optionally qualified by the Group schema; names case-insensitive.
    private static bool IsGroupAttribute(ScimAttributePath path, out string attribute)
    {
        attribute = "";
        if (path.ValueFilter is not null) return false;
        if (path.Schema is not null && !path.Schema.Equals(ScimSchemas.Group, StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var (name, sub) in (ReadOnlySpan<(string, string?)>)[("displayName", null), ("id", null), ("externalId", null), ("members", "value")])
        {
            if (!path.Is(name, sub)) continue;
            attribute = name;
            return true;
        }

        return false;
    }

    private async Task<List<JsonObject>> ResourcesAsync(IReadOnlyList<AppRole> roles, CancellationToken cancellationToken)
    {
        var roleIds = roles.Select(r => r.Id).ToList();
        var members = await (
                from ur in db.UserRoles.AsNoTracking()
                join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
                where roleIds.Contains(ur.RoleId)
                orderby u.CreatedAt, u.Id
                select new { ur.RoleId, u.Id, u.FirstName, u.LastName })
            .ToListAsync(cancellationToken);
        return roles.Select(role =>
        {
            var resource = new JsonObject
            {
                ["schemas"] = new JsonArray(ScimSchemas.Group),
                ["id"] = role.Id.ToString("D"),
                ["displayName"] = role.Name,
                ["members"] = new JsonArray([.. members.Where(m => m.RoleId == role.Id).Select(m => (JsonNode)new JsonObject
                {
                    ["value"] = m.Id.ToString("D"),
                    ["display"] = $"{m.FirstName} {m.LastName}".Trim(),
                    ["type"] = "User",
                    ["$ref"] = links.Path(ProvisioningSetup.BasePath + "/Users/" + m.Id.ToString("D")),
                })]),
            };
            resource["meta"] = new JsonObject
            {
                ["resourceType"] = ResourceType,
                ["location"] = Location(role),
                ["version"] = ScimVersion.Of(resource),
            };
            return resource;
        }).ToList();
    }

    public string Location(AppRole role) => links.Path(ProvisioningSetup.BasePath + "/Groups/" + role.Id.ToString("D"));

    /// <summary>
    /// Makes the role's members exactly <paramref name="members"/>: newcomers get the role, leavers get "Member".
    /// People marked "Exclude from sync" are left as they are (each skipped change is audited). All changes apply or
    /// none: when they would leave no active administrator the answer is 409 and nothing changed.
    /// </summary>
    public async Task<IResult?> SetMembersAsync((Guid Id, string Name) actor, AppRole role, IReadOnlySet<Guid> members, string request, CancellationToken cancellationToken)
    {
        var current = await MemberIdsAsync(role, cancellationToken);
        var joining = members.Except(current).ToList();
        var memberRole = await FindRoleByNameAsync(Roles.Member, cancellationToken)
                         ?? throw new InvalidOperationException("The seeded role Member is missing.");
        // Leaving the Member group leaves a person with "Member": nothing to do.
        var leaving = role.Id == memberRole.Id ? [] : current.Except(members).ToList();

        var people = await db.Users.Where(u => joining.Contains(u.Id) || leaving.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var unknown = joining.FirstOrDefault(id => !people.ContainsKey(id));
        if (unknown != Guid.Empty)
            return ScimErrors.Result(StatusCodes.Status400BadRequest, t["No user has the id {0}.", unknown.ToString("D")], ScimErrorType.InvalidValue);

        var changes = new List<RoleChange>();
        foreach (var (ids, roleId, what) in new[] { (joining, role.Id, "add member"), (leaving, memberRole.Id, "remove member") })
        {
            foreach (var id in ids)
            {
                if (await attributes.IsExcludedFromSyncAsync(id, cancellationToken))
                {
                    var detail = string.Create(CultureInfo.InvariantCulture, $"{request} {role.Name}: {what}");
                    await audit.RecordAsync(actor.Id, AdminAction.ProvisioningChangeSkipped, detail, targetUserId: id, cancellationToken: cancellationToken);
                    continue;
                }

                changes.Add(new RoleChange(people[id], roleId));
            }
        }

        if (changes.Count == 0) return null;
        var result = await admin.ChangeRolesAsync(actor.Id, changes, cancellationToken);
        return result.IsValid
            ? null
            : ScimErrors.Result(StatusCodes.Status409Conflict, string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
    }

    public Task<List<Guid>> MemberIdsAsync(AppRole role, CancellationToken cancellationToken)
        => db.UserRoles.AsNoTracking().Where(ur => ur.RoleId == role.Id).Select(ur => ur.UserId).ToListAsync(cancellationToken);
}
