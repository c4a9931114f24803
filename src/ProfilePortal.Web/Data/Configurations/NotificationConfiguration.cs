using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public const int TargetMaxLength = 256;
    public const int DisplayTargetMaxLength = 300;

    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.ToTable("NotificationChannels");
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(c => c.Target).HasMaxLength(TargetMaxLength);
        builder.Property(c => c.ProtectedSecret).HasMaxLength(4000);
        builder.Property(c => c.DisplayTarget).HasMaxLength(DisplayTargetMaxLength).IsRequired();
        builder.Property(c => c.ConfirmationHash).HasMaxLength(64);
        // One contact per channel and person.
        builder.HasIndex(c => new { c.UserId, c.Kind }).IsUnique();
        builder.HasIndex(c => c.ConfirmationHash).IsUnique().HasFilter("\"ConfirmationHash\" IS NOT NULL");
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 4000;

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(40).IsRequired();
        builder.Property(n => n.Subject).HasMaxLength(SubjectMaxLength).IsRequired();
        builder.Property(n => n.Body).HasMaxLength(BodyMaxLength).IsRequired();
        builder.Property(n => n.ActionUrl).HasMaxLength(500);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt });
        // Account deletion removes personal data: the person's notifications (and their deliveries) go with the account.
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(n => n.Deliveries).WithOne(d => d.Notification).HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public const int LastErrorMaxLength = 300;

    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(20).IsRequired();
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(10).IsRequired();
        builder.Property(d => d.Destination).HasMaxLength(NotificationChannelConfiguration.TargetMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(LastErrorMaxLength);
        // The worker's poll: pending rows by due time, a range over only the pending ones.
        builder.HasIndex(d => d.DueAt, "IX_NotificationDeliveries_Pending_DueAt").HasFilter("\"Status\" = 'Pending'");
        // The page's last 50 deliveries of one person.
        builder.HasIndex(d => new { d.UserId, d.CreatedAt });
        builder.HasIndex(d => d.LeaseId).HasFilter("\"LeaseId\" IS NOT NULL");
        // A worker writes its outcome only while the row still carries its lease: if the lease ran out and another node
        // claimed the row, the first worker's save fails instead of overwriting the second's.
        builder.Property(d => d.LeaseId).IsConcurrencyToken();
        builder.HasOne<NotificationChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class KnownSignInDeviceConfiguration : IEntityTypeConfiguration<KnownSignInDevice>
{
    public void Configure(EntityTypeBuilder<KnownSignInDevice> builder)
    {
        builder.ToTable("KnownSignInDevices");
        builder.HasKey(d => new { d.UserId, d.Fingerprint });
        builder.Property(d => d.Fingerprint).HasMaxLength(64).IsRequired();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
