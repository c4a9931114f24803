using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class SecurityEventConfiguration : IEntityTypeConfiguration<SecurityEvent>
{
    public const int UserAgentMaxLength = 512;
    public const int DetailMaxLength = 500;

    public void Configure(EntityTypeBuilder<SecurityEvent> builder)
    {
        builder.ToTable("SecurityEvents");
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(40).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.Property(e => e.UserAgent).HasMaxLength(UserAgentMaxLength);
        builder.Property(e => e.Detail).HasMaxLength(DetailMaxLength);
        // The log page reads one person's newest events first.
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
    }
}
