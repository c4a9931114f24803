using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Pages.Settings.SecurityLog;

public class IndexModel(
    UserManager<AppUser> userManager,
    SecurityLogService securityLog,
    SecurityEventText eventText,
    DeviceDescription devices,
    TimeDisplay times) : PageModel
{
    public SecurityLogPage Log { get; private set; } = null!;
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    public string Describe(SecurityEvent e) => eventText.Describe(e);
    public string Device(SecurityEvent e) => devices.Describe(e.UserAgent);
    public string Time(DateTime utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync(int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        TimeZoneId = user.TimeZoneId;
        Log = await securityLog.PageAsync(user.Id, pageNumber, cancellationToken);
        return Page();
    }
}
