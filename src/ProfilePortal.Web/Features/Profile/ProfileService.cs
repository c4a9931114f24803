using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Profile;

/// <summary>The read-only account data shown beside the profile (SPEC 2.1).</summary>
public sealed record AccountSummary(
    string Email,
    string UserName,
    AccountStatus Status,
    DateTime? LockedUntilUtc,
    bool EmailVerified,
    DateTime? EmailVerifiedAt,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Permissions,
    string? Department,
    Guid? OrganizationId,
    string? Organization,
    int OrganizationLogoVersion,
    DateTime CreatedAt,
    DateTime? LastSignInAt,
    DateTime? LastPasswordChangeAt);

public enum ProfileSaveResult
{
    Saved,
    NotFound,
    Conflict,
}

public sealed class ProfileService(
    AppDbContext db,
    UserManager<AppUser> userManager,
    AccountStatusService statuses)
{
    public static ProfileInput ToInput(AppUser user) => new()
    {
        FirstName = user.FirstName,
        LastName = user.LastName,
        Title = user.Title,
        Phone = user.PhoneNumber,
        Address = user.Address,
        Bio = user.Bio,
        TimeZoneId = user.TimeZoneId,
        ProfileVersion = user.ProfileVersion,
    };

    /// <summary>Fields (by input name) where the saved profile differs from the submitted one, with the saved value.</summary>
    public static IReadOnlyList<(string Field, string SavedValue)> Differences(ProfileInput saved, ProfileInput submitted)
    {
        var pairs = new (string Field, string? Saved, string? Submitted)[]
        {
            (nameof(ProfileInput.FirstName), saved.FirstName, submitted.FirstName?.Trim()),
            (nameof(ProfileInput.LastName), saved.LastName, submitted.LastName?.Trim()),
            (nameof(ProfileInput.Title), saved.Title, submitted.Title?.Trim()),
            (nameof(ProfileInput.Phone), saved.Phone, PhoneNumbers.Normalize(submitted.Phone) ?? submitted.Phone),
            (nameof(ProfileInput.Address), saved.Address, TextRules.NormalizeNewLines(submitted.Address)?.Trim()),
            (nameof(ProfileInput.Bio), saved.Bio, TextRules.NormalizeNewLines(submitted.Bio)?.Trim()),
            (nameof(ProfileInput.TimeZoneId), saved.TimeZoneId, submitted.TimeZoneId),
        };
        return pairs.Where(p => !string.Equals(p.Saved ?? "", p.Submitted ?? "", StringComparison.Ordinal))
            .Select(p => (p.Field, p.Saved ?? "")).ToList();
    }

    public async Task<AccountSummary> GetAccountSummaryAsync(AppUser user, CancellationToken cancellationToken)
    {
        // Two queries for what the panel shows beyond the user row (SQLite cannot run nested collection queries).
        var grants = await (from ur in db.UserRoles
                            where ur.UserId == user.Id
                            join r in db.Roles on ur.RoleId equals r.Id
                            join c in db.RoleClaims.Where(c => c.ClaimType == Data.Permissions.ClaimType) on r.Id equals c.RoleId into claims
                            from c in claims.DefaultIfEmpty()
                            select new { Role = r.Name!, Permission = c == null ? null : c.ClaimValue }).ToListAsync(cancellationToken);
        var places = await db.Users.AsNoTracking().Where(u => u.Id == user.Id).Select(u => new
        {
            Department = u.Department == null ? null : u.Department.Name,
            OrganizationName = u.Organization == null ? null : u.Organization.Name,
            LogoVersion = u.Organization != null && u.Organization.Logo != null ? u.Organization.LogoVersion : 0,
        }).SingleAsync(cancellationToken);
        var facts = new
        {
            Roles = grants.Select(g => g.Role).Distinct().Order(StringComparer.Ordinal).ToList(),
            Permissions = grants.Where(g => g.Permission is not null).Select(g => g.Permission!).Distinct().ToList(),
            places.Department,
            places.OrganizationName,
            places.LogoVersion,
        };

        var status = statuses.StatusOf(user);
        return new AccountSummary(
            user.Email ?? "",
            user.UserName ?? "",
            status,
            status == AccountStatus.Locked ? user.LockoutEnd?.UtcDateTime : null,
            user.EmailConfirmed,
            user.EmailVerifiedAt,
            facts.Roles,
            facts.Permissions.Order(StringComparer.Ordinal).ToList(),
            facts.Department,
            user.OrganizationId,
            facts.OrganizationName,
            facts.LogoVersion,
            user.CreatedAt,
            user.LastSignInAt,
            user.LastPasswordChangeAt);
    }

    /// <summary>
    /// Saves a validated profile. The version the form was opened at becomes the concurrency token's original
    /// value, so the UPDATE matches no row when someone saved in between, and nothing is overwritten.
    /// </summary>
    public async Task<ProfileSaveResult> SaveAsync(AppUser user, ProfileInput input)
    {
        db.Entry(user).Property(u => u.ProfileVersion).OriginalValue = input.ProfileVersion;
        if (user.ProfileVersion != input.ProfileVersion)
        {
            return ProfileSaveResult.Conflict;
        }

        user.FirstName = input.FirstName!.Trim();
        user.LastName = input.LastName!.Trim();
        user.Title = EmptyToNull(input.Title?.Trim());
        user.PhoneNumber = string.IsNullOrWhiteSpace(input.Phone) ? null : PhoneNumbers.Normalize(input.Phone);
        user.Address = EmptyToNull(TextRules.NormalizeNewLines(input.Address)?.Trim());
        user.Bio = EmptyToNull(TextRules.NormalizeNewLines(input.Bio)?.Trim());
        user.TimeZoneId = input.TimeZoneId!;
        user.ProfileVersion = input.ProfileVersion + 1;

        var result = await userManager.UpdateAsync(user);
        if (result.Succeeded) return ProfileSaveResult.Saved;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
        {
            // Leave the tracked entity as the database has it, so the page can show the current values.
            await db.Entry(user).ReloadAsync();
            return ProfileSaveResult.Conflict;
        }

        throw new InvalidOperationException("Saving the profile failed: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
