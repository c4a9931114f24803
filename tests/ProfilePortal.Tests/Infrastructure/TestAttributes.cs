using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Infrastructure;

/// <summary>Account attributes with unique keys and labels, so no test depends on another's data.</summary>
public static class TestAttributes
{
    public static Task<AccountAttributeDefinition> CreateAttributeAsync(this PortalFactory factory, AttributeType type = AttributeType.Text,
        AttributeEditor editableBy = AttributeEditor.Administrators, bool shownOnProfile = true, params string[] choices) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var definition = new AccountAttributeDefinition
        {
            Id = Guid.NewGuid(),
            Key = "test_" + suffix,
            Label = "Test attribute " + suffix,
            Type = type,
            Choices = choices.ToList(),
            EditableBy = editableBy,
            ShownOnProfile = shownOnProfile,
            Position = 100,
            CreatedAt = DateTime.UtcNow,
        };
        db.AccountAttributeDefinitions.Add(definition);
        await db.SaveChangesAsync();
        return definition;
    });

    /// <summary>The stored value of one person's attribute, or null when there is none.</summary>
    public static Task<string?> AttributeValueAsync(this PortalFactory factory, Guid userId, Guid definitionId) => factory.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().AccountAttributeValues.AsNoTracking()
            .Where(v => v.UserId == userId && v.DefinitionId == definitionId).Select(v => v.Value).FirstOrDefaultAsync());

    public static Task SetAttributeValueAsync(this PortalFactory factory, Guid userId, Guid definitionId, string value) => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.AccountAttributeValues.Add(new AccountAttributeValue { UserId = userId, DefinitionId = definitionId, Value = value, UpdatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return true;
    });
}
