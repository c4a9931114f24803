using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProfilePortal.Web.Data.Configurations;

public class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    // Limits mirror the profile rules (SPEC 2.1); the validators enforce them with messages.
    public const int NameMaxLength = 100;
    public const int TitleMaxLength = 100;
    public const int AddressMaxLength = 500;
    public const int BioMaxLength = 1000;
    public const int TimeZoneMaxLength = 64;
    public const int PhoneMaxLength = 16;
    public const int NormalizedNameMaxLength = 2 * NameMaxLength + 1;
    public const int LanguageMaxLength = 16;
    public const int ProvisioningIdMaxLength = 256;

    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.FirstName).HasMaxLength(NameMaxLength).IsRequired();
        builder.Property(u => u.LastName).HasMaxLength(NameMaxLength).IsRequired();
        builder.Property(u => u.Title).HasMaxLength(TitleMaxLength);
        builder.Property(u => u.Address).HasMaxLength(AddressMaxLength);
        builder.Property(u => u.Bio).HasMaxLength(BioMaxLength);
        builder.Property(u => u.PhoneNumber).HasMaxLength(PhoneMaxLength);
        builder.Property(u => u.TimeZoneId).HasMaxLength(TimeZoneMaxLength).IsRequired();
        builder.Property(u => u.ProfileVersion).IsConcurrencyToken();
        // Raised by the database's triggers on every write (DataVersions); no code sets it.
        builder.Property<long>(DataVersions.PersonColumn);
        builder.Ignore(u => u.FullName);
        builder.Property(u => u.PreferredLanguage).HasMaxLength(LanguageMaxLength);
        // Stored by name like the other enums; existing rows get the first value (System, Online).
        builder.Property(u => u.Appearance).HasConversion<string>().HasMaxLength(10).HasDefaultValue(Features.Preferences.Appearance.System);
        builder.Property(u => u.ActivityStatus).HasConversion<string>().HasMaxLength(20).HasDefaultValue(Features.Presence.ActivityStatus.Online);
        builder.Property(u => u.NotificationFrequency).HasConversion<string>().HasMaxLength(20).HasDefaultValue(NotificationFrequency.Instantly);
        builder.Property(u => u.NormalizedFullName).HasMaxLength(NormalizedNameMaxLength).IsRequired();
        builder.Property(u => u.NormalizedSortName).HasMaxLength(NormalizedNameMaxLength).IsRequired();
        // Identity checks uniqueness before saving; the unique index also settles two saves racing for one email.
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();

        // Provisioning (SCIM) finds people by the identity provider's userName and externalId (filter "eq").
        builder.Property(u => u.ExternalId).HasMaxLength(ProvisioningIdMaxLength);
        builder.HasIndex(u => u.ExternalId).HasFilter("\"ExternalId\" IS NOT NULL");
        builder.Property(u => u.ProvisionedUserName).HasMaxLength(ProvisioningIdMaxLength);
        builder.Property(u => u.NormalizedProvisionedUserName).HasMaxLength(ProvisioningIdMaxLength);
        builder.HasIndex(u => u.NormalizedProvisionedUserName).IsUnique().HasFilter("\"NormalizedProvisionedUserName\" IS NOT NULL");

        // The admin users list (SPEC 2.9): name prefixes and sorting by name, also within one department, and the
        // newest accounts first, each an index range scan (see docs/decisions/0004-admin-user-search.md).
        builder.HasIndex(u => u.NormalizedFullName);
        builder.HasIndex(u => u.NormalizedSortName);
        builder.HasIndex(u => new { u.DepartmentId, u.NormalizedSortName });
        builder.HasIndex(u => u.CreatedAt);
        // The People directory (SPEC 2.8a) searches the same name prefixes within one organization.
        builder.HasIndex(u => new { u.OrganizationId, u.NormalizedFullName });
        builder.HasIndex(u => new { u.OrganizationId, u.NormalizedSortName });
        // Few people hide their department: a colleague's department count subtracts them through this partial index
        // instead of reading the whole department (PeopleDirectory).
        builder.HasIndex(u => u.DepartmentId, "IX_AspNetUsers_DepartmentId_DepartmentHidden")
            .HasFilter("(\"HiddenPeopleCardFields\" & 2) <> 0");
        // Few people are locked or disabled: the status filters read only them. Partial, so the index holds only
        // those few and a query for "not disabled" (nearly everyone) is never steered onto it.
        builder.HasIndex(u => u.LockoutEnd).HasFilter("\"LockoutEnd\" IS NOT NULL");
        builder.HasIndex(u => u.DisabledAt).HasFilter("\"DisabledAt\" IS NOT NULL");
        // Pending account deletions (SPEC 2.8c) are few too; administrators list them.
        builder.HasIndex(u => u.DeletionRequestedAt).HasFilter("\"DeletionRequestedAt\" IS NOT NULL");

        builder.HasOne(u => u.Organization).WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
