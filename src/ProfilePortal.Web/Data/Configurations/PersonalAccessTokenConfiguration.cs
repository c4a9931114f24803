using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public const int DescriptionMaxLength = 100;

    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.ToTable("PersonalAccessTokens");
        builder.Property(t => t.Hash).HasMaxLength(64).IsRequired();
        // Authentication finds a token by its hash: one index seek whatever the number of tokens.
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.Property(t => t.DisplayPrefix).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(DescriptionMaxLength);
        builder.Property(t => t.LastUsedIp).HasMaxLength(45);
        builder.HasIndex(t => t.UserId);
        // The expiry reminder scan reads live tokens by expiry date.
        builder.HasIndex(t => t.ExpiresAt).HasFilter("\"ExpiresAt\" IS NOT NULL AND \"RevokedAt\" IS NULL");
        builder.Property(t => t.RemindersSent).HasDefaultValue(TokenReminders.None);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
