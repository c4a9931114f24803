using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class AdminAuditEntryConfiguration : IEntityTypeConfiguration<AdminAuditEntry>
{
    public void Configure(EntityTypeBuilder<AdminAuditEntry> builder)
    {
        builder.ToTable("AdminAuditEntries");
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(40).IsRequired();
        builder.Property(e => e.IpAddress).HasMaxLength(45);
        builder.Property(e => e.Detail).HasMaxLength(SecurityEventConfiguration.DetailMaxLength);
        // Read by actor ("what did this admin do") and by person, newest first.
        builder.HasIndex(e => new { e.ActorId, e.OccurredAt });
        builder.HasIndex(e => new { e.TargetUserId, e.OccurredAt });
    }
}
