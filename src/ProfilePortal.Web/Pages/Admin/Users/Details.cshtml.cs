using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>
/// One person as an administrator sees them (SPEC 2.9): profile, account, role and membership (changed here), the
/// actions on the account (_UserActions) and their security log. Unlock and enable are not destructive and post
/// here; the destructive actions each have their own confirmation page (Lock, Disable, EndSessions), and a role
/// change that takes administration away asks for confirmation on this page.
/// </summary>
public class DetailsModel(
    AppDbContext db,
    UserManager<AppUser> userManager,
    UserAdminService admin,
    AccountStatusService statuses,
    SessionService sessions,
    SecurityLogService securityLog,
    SecurityEventText eventText,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        public Guid? RoleId { get; set; }
        public Guid? OrganizationId { get; set; }
        public Guid? DepartmentId { get; set; }

        /// <summary>Set by the confirmation step of a role change that takes administration away.</summary>
        public bool ConfirmDemotion { get; set; }
    }

    public AppUser Person { get; private set; } = null!;
    public AccountStatus Status { get; private set; }
    public IReadOnlyList<string> PersonRoles { get; private set; } = [];
    public IReadOnlyList<AppRole> Roles { get; private set; } = [];
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public int ActiveSessions { get; private set; }
    public SecurityLogPage Log { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, string> Actors { get; private set; } = new Dictionary<Guid, string>();
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    /// <summary>True on the confirmation step of a demotion (the role form posted without ConfirmDemotion).</summary>
    public bool ConfirmingDemotion { get; private set; }
    public string? DemotionRoleName { get; private set; }

    public string Describe(SecurityEvent e) => eventText.Describe(e);
    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);
    public string Time(DateTimeOffset? utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync(Guid id, int logPage = 1, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(id) is not { } person) return NotFound();
        await LoadAsync(person, logPage, cancellationToken);
        Input.RoleId = Roles.FirstOrDefault(r => PersonRoles.Contains(r.Name))?.Id;
        Input.OrganizationId = person.OrganizationId;
        Input.DepartmentId = person.DepartmentId;
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } person) return NotFound();
        await admin.UnlockAsync(ActorId, person, cancellationToken);
        StatusMessage = t["{0} is unlocked and can sign in again.", person.FullName];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } person) return NotFound();
        await admin.EnableAsync(ActorId, person, cancellationToken);
        StatusMessage = t["{0} is enabled and can sign in again.", person.FullName];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } person) return NotFound();
        if (Input.RoleId is not { } roleId)
        {
            ModelState.AddModelError("Input.RoleId", t["Choose one of the roles."]);
            return await ReloadAsync(person, cancellationToken);
        }

        if (!Input.ConfirmDemotion && await admin.IsDemotionAsync(person, roleId, cancellationToken))
        {
            await LoadAsync(person, 1, cancellationToken);
            ConfirmingDemotion = true;
            DemotionRoleName = Roles.FirstOrDefault(r => r.Id == roleId)?.Name;
            return Page();
        }

        var result = await admin.ChangeRoleAsync(ActorId, person, roleId, cancellationToken);
        if (!result.Succeeded) return await ShowErrorsAsync(person, result, cancellationToken);
        var role = await db.Roles.AsNoTracking().Where(r => r.Id == roleId).Select(r => r.Name).FirstAsync(cancellationToken);
        StatusMessage = t["{0} now has the role {1}.", person.FullName, t[role ?? ""]];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMembershipAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id) is not { } person) return NotFound();
        // An id that could not be read is not "no organization", which would take the person out of theirs.
        if (!ModelState.IsValid) return await ReloadAsync(person, cancellationToken);
        var result = await admin.ChangeMembershipAsync(ActorId, person, Input.OrganizationId, Input.DepartmentId, cancellationToken);
        if (!result.Succeeded) return await ShowErrorsAsync(person, result, cancellationToken);
        StatusMessage = t["The organization and department of {0} are saved.", person.FullName];
        return RedirectToPage(new { id });
    }

    private Guid ActorId => Guid.Parse(userManager.GetUserId(User)!);

    private Task<AppUser?> FindAsync(Guid id) => userManager.FindByIdAsync(id.ToString());

    private async Task<IActionResult> ShowErrorsAsync(AppUser person, AdminResult result, CancellationToken cancellationToken)
    {
        foreach (var (field, message) in result.Errors)
            ModelState.AddModelError(field.Length == 0 ? "" : $"{nameof(Input)}.{field}", message);
        return await ReloadAsync(person, cancellationToken);
    }

    private async Task<IActionResult> ReloadAsync(AppUser person, CancellationToken cancellationToken)
    {
        await LoadAsync(person, 1, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(AppUser person, int logPage, CancellationToken cancellationToken)
    {
        Person = person;
        Status = statuses.StatusOf(person);
        PersonRoles = (await userManager.GetRolesAsync(person)).ToList();
        Roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Organizations = await db.Organizations.AsNoTracking().Include(o => o.Departments)
            .OrderBy(o => o.Name).ToListAsync(cancellationToken);
        ActiveSessions = (await sessions.ListActiveAsync(person.Id, null, cancellationToken)).Count;
        Log = await securityLog.PageAsync(person.Id, logPage, cancellationToken);
        var actorIds = Log.Events.Where(e => e.ActorId is not null).Select(e => e.ActorId!.Value).Distinct().ToList();
        Actors = (await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id))
                .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, u => $"{u.FirstName} {u.LastName}".Trim());
        var me = await userManager.GetUserAsync(User);
        TimeZoneId = me?.TimeZoneId ?? TimeZoneCatalog.DefaultZone;
    }
}
