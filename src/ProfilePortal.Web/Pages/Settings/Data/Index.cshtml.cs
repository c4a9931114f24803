using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.PersonalData;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.SecurityLog;
using ProfilePortal.Web.Features.Sessions;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Data;

/// <summary>"Your data" (SPEC 2.8c): download everything as JSON, and delete the account (or ask an administrator to).</summary>
public class IndexModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    DataExportService exports,
    AccountDeletionService deletion,
    SecurityLogService securityLog,
    TimeDisplay times,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public DeleteAccountInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public AccountDeletionMode Mode => deletion.Mode;
    public string UserName { get; private set; } = "";
    public DateTime? DeletionRequestedAt { get; private set; }
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;

    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        Load(user);
        return Page();
    }

    /// <summary>
    /// The download: a POST (so it is re-authenticated and cannot be triggered by a link on another site), answered
    /// with the file itself, written to the response as it is read (DataExportService), never cached.
    /// </summary>
    [RequiresReauthentication]
    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        await securityLog.RecordAsync(user.Id, SecurityEventType.DataExported, cancellationToken: cancellationToken);

        Response.ContentType = "application/json; charset=utf-8";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = exports.FileName(user) }.ToString();
        Response.Headers.CacheControl = "no-store";
        await exports.WriteAsync(user.Id, SessionService.CurrentSessionId(User), Response.BodyWriter, cancellationToken);
        return new EmptyResult();
    }

    [RequiresReauthentication]
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await deletion.RequestAsync(user, Input, cancellationToken);
        switch (result.Outcome)
        {
            case DeletionOutcome.Deleted:
                // The session row went with the account; this clears the cookie and what the browser kept.
                await signInManager.SignOutAsync();
                Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
                StatusMessage = t["Your account has been deleted. Your sessions and API tokens have ended."];
                return RedirectToPage("/Account/Login");
            case DeletionOutcome.Requested:
                StatusMessage = t["Your request to delete your account is waiting for an administrator."];
                return RedirectToPage();
            default:
                result.Validation.AddTo(ModelState);
                Load(user);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        await deletion.WithdrawAsync(user, cancellationToken);
        StatusMessage = t["Your deletion request is withdrawn. Your account stays as it is."];
        return RedirectToPage();
    }

    private void Load(AppUser user)
    {
        UserName = user.UserName ?? "";
        DeletionRequestedAt = user.DeletionRequestedAt;
        TimeZoneId = user.TimeZoneId;
    }
}
