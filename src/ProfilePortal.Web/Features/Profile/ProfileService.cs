using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Persistence;

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

    /// <summary>The person (not tracked) and their account summary in one query, or null when there is no such person.</summary>
    public async Task<(AppUser User, AccountSummary Account)?> LoadAsync(Guid userId, CancellationToken cancellationToken)
    {
        var rows = await AccountRowsAsync(userId, cancellationToken);
        return rows.Count == 0 ? null : (rows[0].User, Summarize(rows[0].User, rows));
    }

    /// <summary>The account summary of a person already loaded (and perhaps tracked for a save).</summary>
    public async Task<AccountSummary> GetAccountSummaryAsync(AppUser user, CancellationToken cancellationToken)
        => Summarize(user, await AccountRowsAsync(user.Id, cancellationToken));

    private sealed record AccountRow(AppUser User, string? Department, string? Organization, int LogoVersion, string? Role, string? Permission);

    /// <summary>
    /// One row per role and permission of the person (at least one row), each with the user and the names of their
    /// department and organization: a single query of LEFT JOINs, read on every profile page and API call, so it is
    /// compiled once (no expression tree to walk and look up per request).
    /// </summary>
    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<AccountRow>> AccountRows =
        EF.CompileAsyncQuery((AppDbContext db, Guid userId) =>
            from u in db.Users.AsNoTracking()
            where u.Id == userId
            from ur in db.UserRoles.Where(x => x.UserId == u.Id).DefaultIfEmpty()
            from r in db.Roles.Where(x => x.Id == ur!.RoleId).DefaultIfEmpty()
            from c in db.RoleClaims.Where(x => x.RoleId == r!.Id && x.ClaimType == Data.Permissions.ClaimType).DefaultIfEmpty()
            select new AccountRow(
                u,
                u.Department == null ? null : u.Department.Name,
                u.Organization == null ? null : u.Organization.Name,
                u.Organization != null && u.Organization.Logo != null ? u.Organization.LogoVersion : 0,
                r == null ? null : r.Name,
                c == null ? null : c.ClaimValue));

    private Task<List<AccountRow>> AccountRowsAsync(Guid userId, CancellationToken cancellationToken)
        => AccountRows(db, userId).ReadAllAsync(cancellationToken);

    private AccountSummary Summarize(AppUser user, IReadOnlyList<AccountRow> rows)
    {
        var status = statuses.StatusOf(user);
        var places = rows[0];
        return new AccountSummary(
            user.Email ?? "",
            user.UserName ?? "",
            status,
            status == AccountStatus.Locked ? user.LockoutEnd?.UtcDateTime : null,
            user.EmailConfirmed,
            user.EmailVerifiedAt,
            rows.Where(r => r.Role is not null).Select(r => r.Role!).Distinct().Order(StringComparer.Ordinal).ToList(),
            rows.Where(r => r.Permission is not null).Select(r => r.Permission!).Distinct().Order(StringComparer.Ordinal).ToList(),
            places.Department,
            user.OrganizationId,
            places.Organization,
            places.LogoVersion,
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
