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
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id
                           orderby r.Name
                           select new { r.Id, r.Name }).ToListAsync(cancellationToken);
        var roleIds = roles.Select(r => r.Id).ToList();
        var permissions = await db.RoleClaims
            .Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Data.Permissions.ClaimType)
            .Select(c => c.ClaimValue!).Distinct().OrderBy(p => p).ToListAsync(cancellationToken);
        var organization = user.OrganizationId is null ? null
            : await db.Organizations.AsNoTracking().Where(o => o.Id == user.OrganizationId)
                .Select(o => new { o.Id, o.Name, o.LogoVersion, HasLogo = o.Logo != null }).FirstOrDefaultAsync(cancellationToken);
        var department = user.DepartmentId is null ? null
            : await db.Departments.AsNoTracking().Where(d => d.Id == user.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);

        var status = statuses.StatusOf(user);
        return new AccountSummary(
            user.Email ?? "",
            user.UserName ?? "",
            status,
            status == AccountStatus.Locked ? user.LockoutEnd?.UtcDateTime : null,
            user.EmailConfirmed,
            user.EmailVerifiedAt,
            roles.Select(r => r.Name!).ToList(),
            permissions,
            department,
            organization?.Id,
            organization?.Name,
            organization is { HasLogo: true } ? organization.LogoVersion : 0,
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
