using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Pages.Settings.SecurityLog;

public class IndexModel(
    UserManager<AppUser> userManager,
    SecurityLogService securityLog,
    SecurityEventText eventText,
    AuditActors auditActors,
    DeviceDescription devices,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public SecurityLogPage Log { get; private set; } = null!;
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    /// <summary>Who did the events someone else did for the person (an administrator or provisioning).</summary>
    public IReadOnlyDictionary<Guid, AuditActor> Actors { get; private set; } = new Dictionary<Guid, AuditActor>();

    public string Describe(SecurityEvent e) => eventText.Describe(e, Actor(e)?.Kind);

    /// <summary>
    /// Empty for the person's own events; an administrator stays unnamed here (as in the events' texts), an identity
    /// provider is named by its provisioning token, so a change by provisioning is not taken for an administrator's.
    /// </summary>
    public string By(SecurityEvent e) => Actor(e) switch
    {
        null => "",
        { Kind: ActorKind.Provisioning } actor => actor.Name,
        _ => t["An administrator"],
    };

    private AuditActor? Actor(SecurityEvent e) => e.ActorId is { } id ? Actors.GetValueOrDefault(id) : null;
    public string Device(SecurityEvent e) => devices.Describe(e.UserAgent);
    public string Time(DateTime utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync(int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        TimeZoneId = user.TimeZoneId;
        Log = await securityLog.PageAsync(user.Id, pageNumber, cancellationToken);
        Actors = await auditActors.ResolveAsync(Log.Events.Select(e => e.ActorId), cancellationToken);
        return Page();
    }
}
