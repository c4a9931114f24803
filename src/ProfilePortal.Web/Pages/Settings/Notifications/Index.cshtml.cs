using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Notifications;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Notifications;

public class IndexModel(
    UserManager<AppUser> userManager,
    NotificationSettingsService settings,
    IOptionsMonitor<NotificationOptions> options,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The channel card that was posted; its errors are shown under its own field.</summary>
    [BindProperty]
    public NotificationChannelInput Input { get; set; } = new();

    [BindProperty]
    public NotificationFrequencyInput Schedule { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// The webhook signing secret just created, carried across the redirect in the encrypted TempData cookie and
    /// deleted once shown (as the Tokens page does with a new token): a reload never shows it again.
    /// </summary>
    [TempData]
    public string? NewSigningSecret { get; set; }

    public NotificationSettings Settings { get; private set; } = new([], []);
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;
    public string LoginEmail { get; private set; } = "";
    public int DailyDigestHour => options.CurrentValue.DailyDigestHour;

    /// <summary>The channel whose form was posted and refused (its field shows the errors).</summary>
    public NotificationChannelKind? PostedChannel { get; private set; }

    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);

    public string ChannelName(NotificationChannelKind kind) => kind switch
    {
        NotificationChannelKind.Email => t["Email"],
        NotificationChannelKind.Sms => t["SMS"],
        NotificationChannelKind.Telegram => t["Telegram"],
        NotificationChannelKind.Slack => t["Slack"],
        NotificationChannelKind.Teams => t["Microsoft Teams"],
        _ => t["Webhook"],
    };

    public string StatusName(NotificationDeliveryStatus status) => status switch
    {
        NotificationDeliveryStatus.Sent => t["Sent"],
        NotificationDeliveryStatus.Failed => t["Failed"],
        _ => t["Pending"],
    };

    public static string StatusBadge(NotificationDeliveryStatus status) => status switch
    {
        NotificationDeliveryStatus.Sent => "text-bg-success",
        NotificationDeliveryStatus.Failed => "text-bg-danger",
        _ => "text-bg-secondary",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        // A new signing secret may be on this response: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!Offered(Input.Kind)) return NotFound();

        var result = await settings.SaveChannelAsync(user, Input, cancellationToken);
        if (!result.Validation.AddTo(ModelState))
        {
            PostedChannel = Input.Kind;
            await LoadAsync(user, cancellationToken);
            return Page();
        }

        NewSigningSecret = result.NewSigningSecret;
        StatusMessage = result.NewSigningSecret is not null
            ? t["{0} saved. Copy the signing secret now: it will not be shown again.", ChannelName(Input.Kind)]
            : result.ConfirmationSent
                ? t["We sent a confirmation link to {0}. Until you open it, notifications keep going to {1}.", Input.Contact!.Trim(), user.Email ?? ""]
                : t["{0} saved.", ChannelName(Input.Kind)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(NotificationChannelKind kind, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!Offered(kind) || !await settings.RemoveChannelAsync(user, kind, cancellationToken)) return NotFound();
        StatusMessage = kind == NotificationChannelKind.Email
            ? t["Email notifications go to your login email {0} again.", user.Email ?? ""]
            : t["{0} removed.", ChannelName(kind)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(NotificationChannelKind kind, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!Offered(kind)) return NotFound();
        switch (await settings.SendTestAsync(user, kind, cancellationToken))
        {
            case SendTestOutcome.Queued:
                StatusMessage = t["A test message to {0} is on its way. Its result appears under Deliveries.", ChannelName(kind)];
                return RedirectToPage();
            case SendTestOutcome.TooSoon:
                return await RefuseAsync(user, t["You sent a test to {0} less than a minute ago. Wait a minute, then try again.", ChannelName(kind)], cancellationToken);
            default:
                return await RefuseAsync(user, t["Save {0} first, then send a test.", ChannelName(kind)], cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        switch (await settings.ResendConfirmationAsync(user, cancellationToken))
        {
            case true:
                StatusMessage = t["We sent a new confirmation link. Links sent before no longer work."];
                return RedirectToPage();
            case null:
                return await RefuseAsync(user, t["A confirmation link was sent less than a minute ago. Wait a minute, then try again."], cancellationToken);
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!Offered(NotificationChannelKind.Webhook) || await settings.RegenerateSigningSecretAsync(user, cancellationToken) is not { } secret) return NotFound();
        NewSigningSecret = secret;
        StatusMessage = t["The webhook has a new signing secret. Copy it now: it will not be shown again. The old one no longer signs messages."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFrequencyAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!(await settings.SaveFrequencyAsync(user, Schedule, cancellationToken)).AddTo(ModelState, nameof(Schedule)))
        {
            await LoadAsync(user, cancellationToken);
            return Page();
        }

        StatusMessage = t["Your notification frequency has been saved."];
        return RedirectToPage();
    }

    private bool Offered(NotificationChannelKind kind) => options.CurrentValue.IsEnabled(kind);

    /// <summary>A refused action that has no field: the message above the page, nothing changed.</summary>
    private async Task<IActionResult> RefuseAsync(AppUser user, string message, CancellationToken cancellationToken)
    {
        ValidationErrors.Failure(string.Empty, message).AddTo(ModelState);
        await LoadAsync(user, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(AppUser user, CancellationToken cancellationToken)
    {
        TimeZoneId = user.TimeZoneId;
        LoginEmail = user.Email ?? "";
        Settings = await settings.LoadAsync(user, cancellationToken);
        // A refused form keeps what the person chose; otherwise the saved frequency.
        Schedule.Frequency ??= user.NotificationFrequency.ToString();
    }
}
