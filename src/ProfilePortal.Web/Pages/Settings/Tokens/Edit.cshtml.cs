using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;
using ProfilePortal.Web.Features.Tokens;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Tokens;

/// <summary>Changes an active token's description and expiry; its scopes and value never change.</summary>
public class EditModel(
    UserManager<AppUser> userManager,
    TokenService tokens,
    TokenExpiry expiry,
    IValidator<EditTokenInput> validator,
    IOptions<ApiTokenOptions> options,
    IStringLocalizer<SharedResource> t) : PageModel, ITokenExpiryForm
{
    [BindProperty]
    public EditTokenInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public PersonalAccessToken Token { get; private set; } = null!;
    public string TimeZoneId { get; private set; } = TimeZoneCatalog.DefaultZone;
    public DateOnly FirstExpiryDate { get; private set; }
    public DateOnly LastExpiryDate { get; private set; }
    public ApiTokenOptions Options => options.Value;
    TokenDetailsInput ITokenExpiryForm.Input => Input;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!await LoadAsync(user, id, cancellationToken)) return NotFound();
        Input = new EditTokenInput
        {
            Description = Token.Description,
            NeverExpires = Token.ExpiresAt is null,
            ExpiresOn = expiry.LastDay(Token.ExpiresAt, user.TimeZoneId) ?? expiry.Suggested(user.TimeZoneId),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        // Another person's token, or one that is no longer active: 404, and nothing changes.
        if (!await LoadAsync(user, id, cancellationToken)) return NotFound();

        Input.TimeZoneId = user.TimeZoneId;
        (await validator.ValidateAsync(Input, cancellationToken)).AddTo(ModelState);

        if (!ModelState.IsValid) return Page();

        var description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim();
        if (!await tokens.UpdateAsync(user.Id, id, description, expiry.ToUtc(Input), cancellationToken)) return NotFound();
        StatusMessage = t["The token has been updated."];
        return RedirectToPage("./Index");
    }

    private async Task<bool> LoadAsync(AppUser user, Guid id, CancellationToken cancellationToken)
    {
        var token = await tokens.FindActiveAsync(user.Id, id, cancellationToken);
        if (token is null) return false;
        Token = token;
        TimeZoneId = user.TimeZoneId;
        (FirstExpiryDate, LastExpiryDate) = expiry.Range(user.TimeZoneId);
        return true;
    }
}
