using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Pages.People;

/// <summary>
/// A person's card (SPEC 2.8a): the parts they show to colleagues; everything for administrators and for the person
/// themself (with a note of what colleagues do not see). Someone the viewer may not see is a 404, like an unknown id.
/// </summary>
public class DetailsModel(PeopleDirectory directory, TimeDisplay times, TimeProvider clock) : PageModel
{
    public PersonCard Card { get; private set; } = null!;
    public PeopleViewer Viewer { get; private set; } = null!;

    /// <summary>The person's current local time with the zone's name, in the viewer's language; null when hidden.</summary>
    public string? LocalTime { get; private set; }

    public bool IsSelf => Card.Id == Viewer.Id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Viewer = PeopleViewer.Of(User)!;
        if (await directory.CardAsync(Viewer, id, cancellationToken) is not { } card) return NotFound();
        Card = card;
        LocalTime = card.TimeZoneId is null ? null : times.Format(clock.GetUtcNow(), card.TimeZoneId);
        return Page();
    }
}
