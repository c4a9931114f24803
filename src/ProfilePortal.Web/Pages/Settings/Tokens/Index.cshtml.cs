using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Reauthentication;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Tokens;

public class IndexModel(
    UserManager<AppUser> userManager,
    TokenService tokens,
    TokenExpiry expiry,
    IValidator<CreateTokenInput> validator,
    TimeDisplay times,
    IOptions<ApiTokenOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel, ITokenExpiryForm
{
    [BindProperty]
    public CreateTokenInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>
    /// The value of the token just created, carried across the redirect in the encrypted TempData cookie and deleted
    /// once shown: a reload never shows it again, and the server keeps no copy.
    /// </summary>
    [TempData]
    public string? NewTokenValue { get; set; }

    public TokenListing Tokens { get; private set; } = new([], []);
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;
    public DateOnly FirstExpiryDate { get; private set; }
    public DateOnly LastExpiryDate { get; private set; }
    public ApiTokenOptions Options => options.Value;
    TokenDetailsInput ITokenExpiryForm.Input => Input;

    /// <summary>True on the confirmation step of "Invalidate all tokens" (?confirm=true), which works without JavaScript.</summary>
    public bool ConfirmRevokeAll { get; private set; }

    public string Time(DateTime? utc) => times.Format(utc, TimeZoneId);

    public string ScopesText(TokenScopes scopes) => scopes switch
    {
        TokenScopes.Read | TokenScopes.Write => t["Read and write"],
        TokenScopes.Write => t["Write"],
        _ => t["Read"],
    };

    public async Task<IActionResult> OnGetAsync(bool confirm = false, CancellationToken cancellationToken = default)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        // The new token's value is on this response: no cache may keep it.
        Response.Headers.CacheControl = "no-store";
        Input = new CreateTokenInput { Read = true, ExpiresOn = expiry.Suggested(user.TimeZoneId) };
        await LoadAsync(user, cancellationToken);
        ConfirmRevokeAll = confirm && Tokens.Active.Count > 0;
        return Page();
    }

    // Creating grants new access; revoking and removing take access away and stay one click.
    [RequiresReauthentication]
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        Input.TimeZoneId = user.TimeZoneId;
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);

        if (ModelState.IsValid)
        {
            var description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
            var created = await tokens.CreateAsync(user.Id, description, Input.Scopes, expiry.ToUtc(Input), cancellationToken);
            if (created is not null)
            {
                NewTokenValue = created.Value;
                StatusMessage = t["Your new token has been created. Copy it now: it will not be shown again."];
                return RedirectToPage();
            }

            ValidationErrors.Failure(string.Empty, t["You already have {0} active tokens, the most allowed. Revoke one you no longer use, then create a new one.", options.Value.MaxActivePerPerson]).AddTo(ModelState);
        }

        await LoadAsync(user, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        // Another person's token, or one already withdrawn: nothing to do, and nothing revealed.
        if (await tokens.RevokeAsync(user.Id, tokenId, cancellationToken) is not { } token) return NotFound();
        StatusMessage = t["The token {0} has been revoked. Programs using it can no longer sign in.", Label(token)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await tokens.RemoveAsync(user.Id, tokenId, cancellationToken)) return NotFound();
        StatusMessage = t["The withdrawn token has been removed from the list."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAllAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        var revoked = await tokens.RevokeAllAsync(user.Id, null, cancellationToken);
        StatusMessage = revoked == 1 ? t["1 token has been revoked."] : t["{0} tokens have been revoked.", revoked];
        return RedirectToPage();
    }

    public string Label(PersonalAccessToken token)
        => string.IsNullOrEmpty(token.Description) ? token.DisplayPrefix + "…" : $"{token.Description} ({token.DisplayPrefix}…)";

    private async Task LoadAsync(AppUser user, CancellationToken cancellationToken)
    {
        TimeZoneId = user.TimeZoneId;
        (FirstExpiryDate, LastExpiryDate) = expiry.Range(user.TimeZoneId);
        Tokens = await tokens.ListAsync(user.Id, cancellationToken);
    }
}
