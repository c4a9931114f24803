using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Imaging;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;

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
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public AvatarView Current { get; private set; } = null!;

    public sealed class InputModel
    {
        public IFormFile? File { get; set; }

        /// <summary>The chosen square in pixels of the upright image; all empty means the centre square.</summary>
        public int? CropX { get; set; }
        public int? CropY { get; set; }
        public int? CropSize { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();
        Current = ViewOf(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await userManager.GetUserAsync(User);
        if (user is null) return Challenge();

        var error = await TrySetAsync(user, cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError("Input.File", error);
            Current = ViewOf(user);
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

    private async Task<string?> TrySetAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (Input.File is null) return t["Choose an image to upload."];
        if (Input.File.Length > AvatarService.MaxBytes) return avatars.Describe(AvatarFailureReason.TooLarge);

        CropRegion? crop = null;
        if (Input.CropX is not null || Input.CropY is not null || Input.CropSize is not null)
        {
            if (Input.CropX is not { } x || Input.CropY is not { } y || Input.CropSize is not { } size)
                return avatars.Describe(AvatarFailureReason.CropOutOfBounds);
            crop = new CropRegion(x, y, size);
        }

        using var buffer = new MemoryStream((int)Input.File.Length);
        await Input.File.CopyToAsync(buffer, cancellationToken);
        var result = await avatars.SetAsync(user, buffer.ToArray(), crop, cancellationToken);
        return result.Error;
    }

    private static AvatarView ViewOf(AppUser user)
        => new(user.Id, user.FirstName, user.LastName, user.HasAvatar ? user.AvatarVersion : null, 160);
}
