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

    /// <summary>The kinds of change to what a person's cached answers show, for <see cref="Change"/>.</summary>
    public static TheoryData<string> Changes =>
    [
        "title", "department renamed", "organization renamed", "role renamed", "role removed", "attribute value changed", "attribute hidden",
    ];

    /// <summary>One of <see cref="Changes"/> to the placed person, naming what it renames <paramref name="name"/>.</summary>
    public static FormattableString Change(string change, PlacedPerson person, string name) => change switch
    {
        "title" => SetTitle(person.User.Id, name),
        "department renamed" => RenameDepartmentOf(person.User.Id, name),
        "organization renamed" => RenameOrganizationOf(person.User.Id, name),
        "role renamed" => RenameRole(person.Role.Id, name),
        "role removed" => RemoveRole(person.User.Id, person.Role.Id),
        "attribute value changed" => ChangeAttributeValue(person.User.Id, person.Attribute.Id, name),
        "attribute hidden" => ShowOnProfile(person.Attribute.Id, false),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, null),
    };

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
