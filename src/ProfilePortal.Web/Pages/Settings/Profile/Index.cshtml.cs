using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Attributes;
using ProfilePortal.Web.Features.PageCache;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Profile;

// Everything here comes from the person's rows, roles, places and attributes (data versions), the claims and the culture.
[KeepRendering(QueryKeys = ["zones"])]
public class IndexModel(
    UserManager<AppUser> userManager,
    ProfileService profiles,
    AccountAttributeService attributes,
    AttributeText attributeText,
    IValidator<ProfileInput> validator,
    TimeZoneCatalog zones,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    /// <summary>The account panel's form for an attribute the person may set themselves (its own handler).</summary>
    [BindProperty(Name = AttributeValueForm.Prefix)]
    public AttributeValueForm AttributeInput { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The attributes shown on the person's profile, with their values (SPEC 2.9a).</summary>
    public IReadOnlyList<AttributeWithValue> Attributes { get; private set; } = [];
    public AttributeText AttributeText => attributeText;

    /// <summary>The attribute whose value was refused, so that its form shows the message and what was typed.</summary>
    public Guid? FailedAttributeId { get; private set; }

    public AccountSummary Account { get; private set; } = null!;
    /// <summary>The time zone list's option elements, with the entered zone selected.</summary>
    public string TimeZoneOptionsHtml { get; private set; } = "";

    /// <summary>"all" lists every time zone instead of the common ones ("Show all time zones", without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "zones")]
    public string? ZoneList { get; set; }

    public bool ShowAllZones => ZoneList == "all";
    public Guid UserId { get; private set; }

    /// <summary>A profile never saved takes the browser's time zone as its suggestion (JavaScript enhancement).</summary>
    public bool SuggestBrowserTimeZone { get; private set; }

    /// <summary>The zone times on this page are shown in: the saved one, not the one being edited.</summary>
    public string DisplayTimeZone { get; private set; } = TimeZoneCatalog.DefaultZone;

    /// <summary>After a conflict: each field whose saved value differs from the submitted one, with the saved value.</summary>
    public IReadOnlyList<(string Field, string SavedValue)> ConflictingValues { get; private set; } = [];

    public string Time(DateTime? utc) => times.Format(utc, DisplayTimeZone);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // One query for the person and the account panel (reading needs no tracked entity).
        if (!Guid.TryParse(userManager.GetUserId(User), out var userId) || await profiles.LoadAsync(userId, cancellationToken) is not var (user, account))
        {
            return Challenge();
        }

        Input = ProfileService.ToInput(user);
        ShowDisplayData(user, account);
        Attributes = await attributes.ShownToPersonAsync(userId, cancellationToken);
        // True until the zone list's offsets may change, or a lock shown here ends (neither is a write).
        RenderingLifetime.Allow(HttpContext, zones.ListsValidUntil);
        if (account.LockedUntilUtc is { } lockEnds) RenderingLifetime.Allow(HttpContext, new DateTimeOffset(lockEnds, TimeSpan.Zero));
        return Page();
    }

    /// <summary>Every time zone as JSON, for the search box that enhances the list (wwwroot/js/site.js).</summary>
    public IActionResult OnGetTimeZones()
        => new JsonResult(new { zones = zones.All(t).Select(z => new { id = z.Id, region = z.Region, label = z.Label }) });

    /// <summary>Saves the profile. SignInManager only here: building it for every GET of the page cost more than it did.</summary>
    public async Task<IActionResult> OnPostAsync([FromServices] SignInManager<AppUser> signInManager, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            await LoadDisplayDataAsync(user, cancellationToken);
            return Page();
        }

        if (await profiles.SaveAsync(user, Input) == ProfileSaveResult.Conflict)
        {
            // Keep what the person typed, show what is stored now, and let a second, informed save win.
            ValidationErrors.Failure(string.Empty, t["This profile changed since you opened it. The values saved meanwhile are listed below; save again to replace them with yours."]).AddTo(ModelState);
            ConflictingValues = ProfileService.Differences(ProfileService.ToInput(user), Input);
            Input.ProfileVersion = user.ProfileVersion;
            ModelState.Remove($"{nameof(Input)}.{nameof(ProfileInput.ProfileVersion)}");
            await LoadDisplayDataAsync(user, cancellationToken);
            return Page();
        }

        // The name in the profile menu comes from the cookie.
        await signInManager.RefreshSignInAsync(user);
        StatusMessage = t["Your profile has been updated."];
        return RedirectToPage();
    }

    /// <summary>The person sets an attribute they may edit; the service refuses any other, whatever the form sent.</summary>
    public async Task<IActionResult> OnPostAttributeAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userManager.GetUserId(User), out var userId)) return Challenge();
        if (AttributeInput.AttributeId is not { } attributeId) return BadRequest();
        var result = await attributes.SetOwnValueAsync(userId, attributeId, AttributeInput.Value, cancellationToken);
        if (result.AddTo(ModelState, AttributeValueForm.Prefix))
        {
            StatusMessage = t["Your account attribute is saved."];
            return RedirectToPage();
        }

        if (await profiles.LoadAsync(userId, cancellationToken) is not var (user, account)) return Challenge();
        FailedAttributeId = attributeId;
        Input = ProfileService.ToInput(user);
        ShowDisplayData(user, account);
        Attributes = await attributes.ShownToPersonAsync(userId, cancellationToken);
        return Page();
    }

    private async Task LoadDisplayDataAsync(AppUser user, CancellationToken cancellationToken)
    {
        ShowDisplayData(user, await profiles.GetAccountSummaryAsync(user, cancellationToken));
        Attributes = await attributes.ShownToPersonAsync(user.Id, cancellationToken);
    }

    private void ShowDisplayData(AppUser user, AccountSummary account)
    {
        UserId = user.Id;
        Account = account;
        TimeZoneOptionsHtml = zones.OptionsHtml(Input.TimeZoneId, ShowAllZones, t);
        DisplayTimeZone = user.TimeZoneId;
        SuggestBrowserTimeZone = user.ProfileVersion == 0;
    }
}
