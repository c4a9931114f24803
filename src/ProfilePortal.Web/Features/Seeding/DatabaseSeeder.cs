using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Seeding;

/// <summary>
/// Roles and their permissions always; the configured administrator when the database has no users;
/// demo data when asked. Every step is idempotent, so restarts change nothing.
/// </summary>
public sealed partial class DatabaseSeeder(
    AppDbContext db,
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<SeedOptions> options,
    TimeProvider clock,
    ILogger<DatabaseSeeder> logger)
{
    public const string DemoOrganizationName = "Acme Corporation";
    public static readonly IReadOnlyList<string> DemoDepartments = ["Engineering", "Sales", "Support", "Finance", "People"];
    public const int DemoPeople = 20;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedRolesAsync();
        var seed = options.Value;
        var hasAdminSeed = !string.IsNullOrWhiteSpace(seed.AdminEmail) && !string.IsNullOrEmpty(seed.AdminPassword);
        if (hasAdminSeed && !await db.Users.AnyAsync(cancellationToken))
        {
            await CreateAdministratorAsync(seed.AdminEmail!.Trim(), seed.AdminPassword!);
        }

        if (seed.Demo && !await db.Organizations.AnyAsync(o => o.Name == DemoOrganizationName, cancellationToken))
        {
            await SeedDemoAsync(seed.DemoPassword ?? seed.AdminPassword, cancellationToken);
        }

        if (seed.DemoUsers > 0)
        {
            await SeedBulkDemoUsersAsync(seed.DemoUsers, seed.DemoPassword ?? seed.AdminPassword, cancellationToken);
        }
    }

    /// <summary>Usernames of the bulk demo people start with this; it is how a restart finds how many exist.</summary>
    public const string BulkUserNamePrefix = "demo-";
    public static readonly IReadOnlyList<string> BulkEmailDomains = ["example.com", "acme.example", "contoso.example", "fabrikam.example"];
    private const int BulkBatchSize = 2000;

    /// <summary>
    /// Many people fast: not UserManager one by one (each would hash a password, 100,000 × PBKDF2), but EF inserts in
    /// batches of 2,000 (one SaveChanges each, inside the start-up seeding transaction), all sharing one password hash computed once.
    /// </summary>
    private async Task SeedBulkDemoUsersAsync(int wanted, string? password, CancellationToken cancellationToken)
    {
        var prefixEnd = BulkUserNamePrefix.ToUpperInvariant()[..^1] + (char)(BulkUserNamePrefix.ToUpperInvariant()[^1] + 1);
        var prefix = BulkUserNamePrefix.ToUpperInvariant();
        var existing = await db.Users.CountAsync(u => u.NormalizedUserName!.CompareTo(prefix) >= 0 && u.NormalizedUserName.CompareTo(prefixEnd) < 0, cancellationToken);
        if (existing >= wanted) return;

        var organization = await db.Organizations.Include(o => o.Departments).FirstOrDefaultAsync(o => o.Name == DemoOrganizationName, cancellationToken)
                           ?? await CreateDemoOrganizationAsync(cancellationToken);
        var departments = organization.Departments.Select(d => d.Id).ToArray();
        var memberRole = (await roleManager.FindByNameAsync(Roles.Member))!.Id;
        var hash = userManager.PasswordHasher.HashPassword(new AppUser(), string.IsNullOrEmpty(password) ? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)) : password);
        var now = clock.GetUtcNow().UtcDateTime;
        var names = new DemoNames(20261123 + existing);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var start = existing; start < wanted; start += BulkBatchSize)
        {
            for (var i = start; i < Math.Min(wanted, start + BulkBatchSize); i++)
            {
                var first = names.FirstName();
                var last = names.LastName();
                var userName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{BulkUserNamePrefix}{i:D6}");
                var email = $"{first}.{last}.{i}@{BulkEmailDomains[i % BulkEmailDomains.Count]}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
                var user = new AppUser
                {
                    Id = Guid.NewGuid(),
                    UserName = userName,
                    NormalizedUserName = userName.ToUpperInvariant(),
                    Email = email,
                    NormalizedEmail = email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    EmailVerifiedAt = now,
                    PasswordHash = hash,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    FirstName = first,
                    LastName = last,
                    CreatedAt = now.AddMinutes(-i),
                    OrganizationId = organization.Id,
                    DepartmentId = departments.Length == 0 ? null : departments[i % departments.Length],
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = memberRole });
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        db.ChangeTracker.AutoDetectChangesEnabled = true;
        LogBulkCreated(logger, wanted - existing, wanted);
    }

    private async Task<Organization> CreateDemoOrganizationAsync(CancellationToken cancellationToken)
    {
        var organization = new Organization { Id = Guid.NewGuid(), Name = DemoOrganizationName, CreatedAt = clock.GetUtcNow().UtcDateTime };
        foreach (var name in DemoDepartments)
        {
            organization.Departments.Add(new Department { Id = Guid.NewGuid(), Name = name });
        }

        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return organization;
    }

    private async Task SeedRolesAsync()
    {
        foreach (var (name, description, permissions) in Roles.Seeded)
        {
            var role = await roleManager.FindByNameAsync(name);
            if (role is null)
            {
                role = new AppRole(name) { Description = description };
                Check(await roleManager.CreateAsync(role), $"create role {name}");
            }

            var existing = (await roleManager.GetClaimsAsync(role))
                .Where(c => c.Type == Permissions.ClaimType).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            foreach (var permission in permissions.Where(p => !existing.Contains(p)))
            {
                Check(await roleManager.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission)), $"grant {permission}");
            }
        }
    }

    private async Task CreateAdministratorAsync(string email, string password)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var admin = new AppUser
        {
            UserName = UserNameFromEmail(email),
            Email = email,
            EmailConfirmed = true,
            EmailVerifiedAt = now,
            FirstName = "Portal",
            LastName = "Administrator",
            CreatedAt = now,
        };
        Check(await userManager.CreateAsync(admin, password), "create the administrator (check Seed__AdminPassword against the password policy)");
        Check(await userManager.AddToRoleAsync(admin, Roles.Administrator), "make the administrator an Administrator");
        LogAdminCreated(logger, email, admin.UserName);
    }

    private async Task SeedDemoAsync(string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            LogNoDemoPassword(logger);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var organization = await CreateDemoOrganizationAsync(cancellationToken);

        // The administrator joins the demo organization so the profile page shows it.
        foreach (var admin in await userManager.GetUsersInRoleAsync(Roles.Administrator))
        {
            admin.OrganizationId ??= organization.Id;
            admin.DepartmentId ??= organization.Departments[0].Id;
            await userManager.UpdateAsync(admin);
        }

        // A fixed seed gives the same demo people on every machine.
        var names = new DemoNames(20261122);
        var zones = new[] { TimeZoneCatalog.DefaultZone, "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney" };
        var created = 0;
        for (var i = 0; created < DemoPeople && i < DemoPeople * 3; i++)
        {
            var first = names.FirstName();
            var last = names.LastName();
            var userName = $"{first}.{last}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
            if (await userManager.FindByNameAsync(userName) is not null) continue;

            var person = new AppUser
            {
                UserName = userName,
                Email = $"{userName}@acme.example",
                EmailConfirmed = true,
                EmailVerifiedAt = now.AddDays(-names.Number(1, 400)),
                FirstName = first,
                LastName = last,
                Title = names.JobTitle(),
                // Ofcom's range for drama (020 7946 0000-0999): valid in libphonenumber, never a real person's line.
                PhoneNumber = "+442079460" + names.Number(0, 999).ToString("D3", System.Globalization.CultureInfo.InvariantCulture),
                TimeZoneId = names.Pick(zones),
                Bio = names.Bio(),
                CreatedAt = now.AddDays(-names.Number(1, 400)),
                OrganizationId = organization.Id,
                DepartmentId = names.Pick(organization.Departments).Id,
            };
            Check(await userManager.CreateAsync(person, password), $"create demo person {userName}");
            Check(await userManager.AddToRoleAsync(person, created == 0 ? Roles.BillingAdmin : Roles.Member), "assign a role");
            created++;
        }

        LogDemoCreated(logger, organization.Name, created);
    }

    /// <summary>"admin@example.com" → "admin"; falls back to a generated name when the local part is not a valid username.</summary>
    internal static string UserNameFromEmail(string email)
    {
        var local = email.Split('@')[0];
        var cleaned = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').ToArray());
        return cleaned.Length >= 3 && char.IsAsciiLetterOrDigit(cleaned[0]) ? cleaned[..Math.Min(cleaned.Length, 32)] : "administrator1";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created administrator {Email} with username {UserName}")]
    private static partial void LogAdminCreated(ILogger logger, string email, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed:Demo is on but neither Seed:DemoPassword nor Seed:AdminPassword is set; no demo people created")]
    private static partial void LogNoDemoPassword(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created {Created} bulk demo people ({Total} in all)")]
    private static partial void LogBulkCreated(ILogger logger, int created, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo organization {Organization} with {Count} people")]
    private static partial void LogDemoCreated(ILogger logger, string organization, int count);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding failed to {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
