using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Presence;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Status;

/// <summary>
/// The activity status switcher's target (the profile menu posts here from any page) and, with GET, the same choice
/// as a page of its own. After a change the person goes back to the page they were on, with a status line.
/// </summary>
public class IndexModel(PresenceService presence, IValidator<ActivityStatusInput> validator, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The layout shows this message on whatever page the person returns to (not every page has its own).</summary>
    public const string MessageKey = "ActivityStatusMessage";

    [BindProperty]
    public ActivityStatusInput Input { get; set; } = new();

    public Presence? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await presence.ReadAsync(UserId(), cancellationToken);
        return Current is null ? Challenge() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        if (!(await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState) || !PresenceText.TryParse(Input.Status, out var status))
        {
            return await OnGetAsync(cancellationToken);
        }

        if (await presence.SetAsync(UserId(), status, cancellationToken) == ActivityStatusChange.NoSuchPerson) return Challenge();

        TempData[MessageKey] = t["Your status is now {0}.", PresenceText.Label(t, status)].Value;
        // Only a path on this site: a return URL naming another host would make this an open redirect.
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Page("/Settings/Status/Index")!);
    }

    private Guid UserId() => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
