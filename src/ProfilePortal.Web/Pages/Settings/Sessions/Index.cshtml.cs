using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Pages.Settings.Sessions;

public class IndexModel(
    UserManager<AppUser> userManager,
    SessionService sessions,
    DeviceDescription devices,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<ActiveSession> Sessions { get; private set; } = [];
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    /// <summary>True on the confirmation step of "End all other sessions" (?confirm=true), which works without JavaScript.</summary>
    public bool ConfirmEndOthers { get; private set; }

    public string Device(ActiveSession s) => devices.Describe(s.UserAgent);
    public string Time(DateTime utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync(bool confirm = false, CancellationToken cancellationToken = default)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user, cancellationToken);
        ConfirmEndOthers = confirm && Sessions.Any(s => !s.IsCurrent);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (sessionId == SessionService.CurrentSessionId(User))
        {
            // This device ends by signing out, which also clears its cookies.
            return RedirectToPage("/Account/Logout");
        }

        var session = (await sessions.ListActiveAsync(user.Id, null, cancellationToken)).FirstOrDefault(s => s.Id == sessionId);
        if (session is null || !await sessions.EndAsync(user.Id, sessionId, cancellationToken))
        {
            // Someone else's session, or one that has already ended: nothing to do, and nothing revealed.
            return NotFound();
        }

        StatusMessage = t["The session on {0} has ended.", devices.Describe(session.UserAgent)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        var ended = await sessions.EndOthersAsync(user.Id, SessionService.CurrentSessionId(User), cancellationToken);
        StatusMessage = ended == 1 ? t["1 other session has ended."] : t["{0} other sessions have ended.", ended];
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user, CancellationToken cancellationToken)
    {
        TimeZoneId = user.TimeZoneId;
        Sessions = await sessions.ListActiveAsync(user.Id, SessionService.CurrentSessionId(User), cancellationToken);
    }
}
