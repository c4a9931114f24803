using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class AccountAttributeDefinitionConfiguration : IEntityTypeConfiguration<AccountAttributeDefinition>
{
    public void Configure(EntityTypeBuilder<AccountAttributeDefinition> builder)
    {
        builder.ToTable("AccountAttributeDefinitions");
        builder.Property(d => d.Key).HasMaxLength(AccountAttributeDefinition.KeyMaxLength).IsRequired();
        builder.HasIndex(d => d.Key).IsUnique();
        builder.Property(d => d.Label).HasMaxLength(AccountAttributeDefinition.LabelMaxLength).IsRequired();
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(10);
        builder.Property(d => d.EditableBy).HasConversion<string>().HasMaxLength(20);
        // A short list kept as one JSON array: read and written whole with its definition, never queried by element.
        builder.Property(d => d.Choices)
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())), v => v.ToList()))
            .HasMaxLength(AccountAttributeDefinition.MaxChoices * (AccountAttributeDefinition.ChoiceMaxLength + 3) + 2)
            .IsRequired();

        var seededAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        builder.HasData(
            new AccountAttributeDefinition
            {
                Id = BuiltInAttributes.FormerStudentId,
                Key = BuiltInAttributes.FormerStudentKey,
                Label = "Former student",
                Type = AttributeType.YesNo,
                EditableBy = AttributeEditor.Administrators,
                ShownOnProfile = true,
                Position = 1,
                IsBuiltIn = true,
                CreatedAt = seededAt,
            },
            new AccountAttributeDefinition
            {
                Id = BuiltInAttributes.ExcludeFromSyncId,
                Key = BuiltInAttributes.ExcludeFromSyncKey,
                Label = "Exclude from sync",
                Type = AttributeType.YesNo,
                EditableBy = AttributeEditor.Administrators,
                ShownOnProfile = true,
                Position = 2,
                IsBuiltIn = true,
                CreatedAt = seededAt,
            });
    }
}

public class AccountAttributeValueConfiguration : IEntityTypeConfiguration<AccountAttributeValue>
{
    public void Configure(EntityTypeBuilder<AccountAttributeValue> builder)
    {
        builder.ToTable("AccountAttributeValues");
        builder.HasKey(v => new { v.UserId, v.DefinitionId });
        builder.Property(v => v.Value).HasMaxLength(AccountAttributeDefinition.TextMaxLength).IsRequired();
        // Deleting a definition deletes its values; deleting an account deletes the person's values.
        builder.HasIndex(v => v.DefinitionId);
        builder.HasOne(v => v.Definition).WithMany().HasForeignKey(v => v.DefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ProvisioningTokenConfiguration : IEntityTypeConfiguration<ProvisioningToken>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<ProvisioningToken> builder)
    {
        builder.ToTable("ProvisioningTokens");
        builder.Property(t => t.Name).HasMaxLength(NameMaxLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.DisplayPrefix).HasMaxLength(16).IsRequired();
        builder.Property(t => t.LastUsedIp).HasMaxLength(45);
    }
}
