using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ProfilePortal.Web.Data;

/// <summary>
/// The portal's store. The app always asks for <see cref="AppDbContext"/>; what it gets is the subclass of the
/// configured provider (<see cref="SqliteAppDbContext"/> or <see cref="PostgresAppDbContext"/>), because each provider
/// has its own migrations and model snapshot, found by context type (EF Core's "multiple providers" layout).
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, AppUserPasskey>(options), IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<UserAvatar> UserAvatars => Set<UserAvatar>();
    public DbSet<AvatarCharacter> AvatarCharacters => Set<AvatarCharacter>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AdminAuditEntry> AdminAuditEntries => Set<AdminAuditEntry>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();
    public DbSet<KnownSignInDevice> KnownSignInDevices => Set<KnownSignInDevice>();
    public DbSet<AccountAttributeDefinition> AccountAttributeDefinitions => Set<AccountAttributeDefinition>();
    public DbSet<AccountAttributeValue> AccountAttributeValues => Set<AccountAttributeValue>();
    public DbSet<ProvisioningToken> ProvisioningTokens => Set<ProvisioningToken>();
    public DbSet<SharedDataVersion> SharedDataVersions => Set<SharedDataVersion>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseSecurityEventRewrites();
        NormalizeNames();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseSecurityEventRewrites();
        NormalizeNames();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The security log and the admin audit are append-only: a bug that tries to rewrite history fails loudly.</summary>
    private void RefuseSecurityEventRewrites()
    {
        if (ChangeTracker.Entries<SecurityEvent>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Security events are append-only.");
        }

        if (ChangeTracker.Entries<AdminAuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Admin audit entries are append-only.");
        }
    }

    /// <summary>Keeps the upper-case name columns the admin search uses in step with the name, whoever saves the user.</summary>
    private void NormalizeNames()
    {
        foreach (var entry in ChangeTracker.Entries<AppUser>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var (full, sort) = AppUser.NormalizeName(entry.Entity.FirstName, entry.Entity.LastName);
            if (entry.Entity.NormalizedFullName != full) entry.Entity.NormalizedFullName = full;
            if (entry.Entity.NormalizedSortName != sort) entry.Entity.NormalizedSortName = sort;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is stored as UTC: SQLite hands DateTime back unspecified, so it is marked UTC on the way out;
        // PostgreSQL's timestamptz accepts only UTC DateTime values, so local ones are converted on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
