using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class AvatarCharacterConfiguration : IEntityTypeConfiguration<AvatarCharacter>
{
    /// <summary>Far above a canonical document (about 600 characters); the validator refuses bigger input first.</summary>
    public const int MaxDocumentLength = 4000;

    public void Configure(EntityTypeBuilder<AvatarCharacter> builder)
    {
        builder.ToTable("AvatarCharacters");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.Document).HasMaxLength(MaxDocumentLength).IsRequired();
        builder.HasOne<AppUser>().WithOne().HasForeignKey<AvatarCharacter>(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
