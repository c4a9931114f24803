using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Pages.Settings.Avatar;

/// <summary>
/// The body limit is the 5 MB image plus room for the multipart envelope and the other fields; a bigger body is
/// refused before it is read (RequestSizeLimitMiddleware), and the pipeline refuses an image over 5 MB itself.
/// </summary>
[RequestSizeLimit(AvatarService.UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = AvatarService.UploadRequestLimit)]
public class IndexModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    AvatarService avatars,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AvatarInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public AvatarView Current { get; private set; } = null!;

    /// <summary>The person saved a character in the creator (kept when a photo replaces it): "Edit my character".</summary>
    public bool HasCharacter { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        await ShowAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        if (!(await avatars.SetAsync(user, Input, cancellationToken)).AddTo(ModelState))
        {
            await ShowAsync(user);
            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        StatusMessage = t["Your new avatar is set."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.HasAvatar)
        {
            await avatars.RemoveAsync(user, cancellationToken);
            await signInManager.RefreshSignInAsync(user);
        }

        StatusMessage = t["Your avatar has been removed; your initials are shown instead."];
        return RedirectToPage();
    }

    private async Task ShowAsync(AppUser user)
    {
        Current = new(user.Id, user.FirstName, user.LastName, user.HasAvatar ? user.AvatarVersion : null, 160);
        HasCharacter = await avatars.FindCharacterAsync(user.Id, HttpContext.RequestAborted) is not null;
    }
}
