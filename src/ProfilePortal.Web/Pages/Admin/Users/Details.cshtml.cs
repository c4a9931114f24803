using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Validation;

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
    AuditActors auditActors,
    AccountAttributeService attributes,
    AttributeText attributeText,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : UserActionPageModel(userManager)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The Attributes card's form: one attribute's value (empty clears it).</summary>
    [BindProperty(Name = AttributeValueForm.Prefix)]
    public AttributeValueForm AttributeInput { get; set; } = new();

    /// <summary>The page of the security log shown (GET ?logPage=); forms posted here show the first.</summary>
    [BindProperty(SupportsGet = true, Name = "logPage")]
    public int LogPage { get; set; } = 1;

    public sealed class InputModel
    {
        public Guid? RoleId { get; set; }
        public Guid? OrganizationId { get; set; }
        public Guid? DepartmentId { get; set; }

        /// <summary>Set by the confirmation step of a role change that takes administration away.</summary>
        public bool ConfirmDemotion { get; set; }
    }

    public AccountStatus Status { get; private set; }
    public IReadOnlyList<string> PersonRoles { get; private set; } = [];
    public IReadOnlyList<AppRole> Roles { get; private set; } = [];
    public IReadOnlyList<Organization> Organizations { get; private set; } = [];
    public int ActiveSessions { get; private set; }
    public SecurityLogPage Log { get; private set; } = null!;
    /// <summary>Who did the security log's events done for the person: administrators and provisioning tokens, by name.</summary>
    public IReadOnlyDictionary<Guid, AuditActor> Actors { get; private set; } = new Dictionary<Guid, AuditActor>();
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;
    public IReadOnlyList<AttributeWithValue> Attributes { get; private set; } = [];
    public AttributeText AttributeText => attributeText;

    /// <summary>The attribute whose value was refused, so that its form shows the message and what was typed.</summary>
    public Guid? FailedAttributeId { get; private set; }

    /// <summary>True on the confirmation step of a demotion (the role form posted without ConfirmDemotion).</summary>
    public bool ConfirmingDemotion { get; private set; }
    public string? DemotionRoleName { get; private set; }

    public string Describe(SecurityEvent e) => eventText.Describe(e, Actor(e)?.Kind);
    public AuditActor? Actor(SecurityEvent e) => e.ActorId is { } id ? Actors.GetValueOrDefault(id) : null;
    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);
    public string Time(DateTimeOffset? utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        await admin.UnlockAsync(ActorId, Person, cancellationToken);
        return BackToPerson(t["{0} is unlocked and can sign in again.", Person.FullName]);
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        await admin.EnableAsync(ActorId, Person, cancellationToken);
        return BackToPerson(t["{0} is enabled and can sign in again.", Person.FullName]);
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        if (Input.RoleId is not { } roleId)
        {
            ValidationErrors.Failure(nameof(InputModel.RoleId), t["Choose one of the roles."]).AddTo(ModelState);
            return await PageAgainAsync(cancellationToken);
        }

        if (!Input.ConfirmDemotion && await admin.IsDemotionAsync(Person, roleId, cancellationToken))
        {
            await LoadDisplayDataAsync(cancellationToken);
            ConfirmingDemotion = true;
            DemotionRoleName = Roles.FirstOrDefault(r => r.Id == roleId)?.Name;
            return Page();
        }

        var result = await admin.ChangeRoleAsync(ActorId, Person, roleId, cancellationToken);
        var role = result.IsValid ? await db.Roles.AsNoTracking().Where(r => r.Id == roleId).Select(r => r.Name).FirstAsync(cancellationToken) : null;
        return await FinishAsync(result, () => t["{0} now has the role {1}.", Person.FullName, t[role ?? ""]], cancellationToken);
    }

    public async Task<IActionResult> OnPostMembershipAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        // An id that could not be read is not "no organization", which would take the person out of theirs.
        if (!ModelState.IsValid) return await PageAgainAsync(cancellationToken);
        var result = await admin.ChangeMembershipAsync(ActorId, Person, Input.OrganizationId, Input.DepartmentId, cancellationToken);
        return await FinishAsync(result, () => t["The organization and department of {0} are saved.", Person.FullName], cancellationToken);
    }

    public async Task<IActionResult> OnPostAttributeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        if (AttributeInput.AttributeId is not { } attributeId) return BadRequest();
        var result = await attributes.SetValueAsync(ActorId, Person.Id, attributeId, AttributeInput.Value, cancellationToken);
        if (result.AddTo(ModelState, AttributeValueForm.Prefix)) return BackToPerson(t["The attribute value of {0} is saved.", Person.FullName]);
        FailedAttributeId = attributeId;
        return await PageAgainAsync(cancellationToken);
    }

    protected override void FillForm()
    {
        Input.RoleId = Roles.FirstOrDefault(r => PersonRoles.Contains(r.Name))?.Id;
        Input.OrganizationId = Person.OrganizationId;
        Input.DepartmentId = Person.DepartmentId;
    }

    protected override async Task LoadDisplayDataAsync(CancellationToken cancellationToken)
    {
        Status = statuses.StatusOf(Person);
        PersonRoles = (await Users.GetRolesAsync(Person)).ToList();
        Roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Organizations = await db.Organizations.AsNoTracking().Include(o => o.Departments)
            .OrderBy(o => o.Name).ToListAsync(cancellationToken);
        ActiveSessions = (await sessions.ListActiveAsync(Person.Id, null, cancellationToken)).Count;
        Log = await securityLog.PageAsync(Person.Id, LogPage, cancellationToken);
        Actors = await auditActors.ResolveAsync(Log.Events.Select(e => e.ActorId), cancellationToken);
        Attributes = await attributes.ValuesOfAsync(Person.Id, cancellationToken);
        var me = await Users.GetUserAsync(User);
        TimeZoneId = me?.TimeZoneId ?? TimeZoneCatalog.DefaultZone;
    }
}
