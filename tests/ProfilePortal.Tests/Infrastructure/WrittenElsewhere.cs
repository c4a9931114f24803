using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>A person with an organization, a department, a role of their own and an attribute value ("before").</summary>
public sealed record PlacedPerson(TestUser User, AppRole Role, AccountAttributeDefinition Attribute);

/// <summary>
/// Changes written with plain SQL, as another node, a script or a bulk update would write them: nothing in this process
/// (its services, caches or EF's change tracker) takes part. For the tests of what caches keyed on data versions see.
/// </summary>
public static class WrittenElsewhere
{
    public static async Task<PlacedPerson> CreatePlacedPersonAsync(this PortalFactory factory)
    {
        var organization = await factory.CreateOrganizationAsync("Research");
        var role = new AppRole("Role " + Guid.NewGuid().ToString("N")[..8]);
        await factory.InScopeAsync(sp => sp.GetRequiredService<RoleManager<AppRole>>().CreateAsync(role));
        var user = await factory.CreateUserAsync(u =>
        {
            u.OrganizationId = organization.Id;
            u.DepartmentId = organization.Departments["Research"];
        }, role.Name);
        var attribute = await factory.CreateAttributeAsync();
        await factory.SetAttributeValueAsync(user.Id, attribute.Id, "before");
        return new PlacedPerson(user, role, attribute);
    }

    public static Task<int> WriteElsewhereAsync(this PortalFactory factory, FormattableString sql)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlInterpolatedAsync(sql));

    public static FormattableString SetTitle(Guid person, string title) => $"""UPDATE "AspNetUsers" SET "Title" = {title} WHERE "Id" = {person}""";

    public static FormattableString RenameDepartmentOf(Guid person, string name)
        => $"""UPDATE "Departments" SET "Name" = {name} WHERE "Id" IN (SELECT "DepartmentId" FROM "AspNetUsers" WHERE "Id" = {person})""";

    public static FormattableString RenameOrganizationOf(Guid person, string name)
        => $"""UPDATE "Organizations" SET "Name" = {name} WHERE "Id" IN (SELECT "OrganizationId" FROM "AspNetUsers" WHERE "Id" = {person})""";

    public static FormattableString RenameRole(Guid role, string name)
        => $"""UPDATE "AspNetRoles" SET "Name" = {name}, "NormalizedName" = {name.ToUpperInvariant()} WHERE "Id" = {role}""";

    public static FormattableString RemoveRole(Guid person, Guid role) => $"""DELETE FROM "AspNetUserRoles" WHERE "UserId" = {person} AND "RoleId" = {role}""";

    public static FormattableString ChangeAttributeValue(Guid person, Guid definition, string value)
        => $"""UPDATE "AccountAttributeValues" SET "Value" = {value} WHERE "UserId" = {person} AND "DefinitionId" = {definition}""";

    public static FormattableString ShowOnProfile(Guid definition, bool shown)
        => $"""UPDATE "AccountAttributeDefinitions" SET "ShownOnProfile" = {shown} WHERE "Id" = {definition}""";
}
