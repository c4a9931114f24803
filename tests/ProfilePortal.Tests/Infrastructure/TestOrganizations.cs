using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

public sealed record TestOrganization(Guid Id, string Name, IReadOnlyDictionary<string, Guid> Departments);

/// <summary>Organizations with unique names (and the departments asked for), so no test depends on another's data.</summary>
public static class TestOrganizations
{
    public static Task<TestOrganization> CreateOrganizationAsync(this PortalFactory factory, params string[] departments) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var organization = new Organization { Id = Guid.NewGuid(), Name = "Org " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow };
        foreach (var name in departments) organization.Departments.Add(new Department { Id = Guid.NewGuid(), Name = name });
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return new TestOrganization(organization.Id, organization.Name, organization.Departments.ToDictionary(d => d.Name, d => d.Id));
    });
}
