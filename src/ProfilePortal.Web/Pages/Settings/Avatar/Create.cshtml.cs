using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Avatars;

namespace ProfilePortal.Web.Pages.Settings.Avatar;

/// <summary>
/// The avatar creator (SPEC 2.8b): the catalogue's choices as form controls, checked as the person's stored character
/// (or the default), and the stage the browser draws the character on. GET only: "Set as avatar" posts the rendered
/// images and the document to the avatar page (<see cref="IndexModel.OnPostAsync"/>), the one pipeline for avatars.
/// </summary>
public class CreateModel(UserManager<AppUser> userManager, AvatarService avatars, IStringLocalizer<SharedResource> t) : PageModel
{
    public AvatarCharacterDocument Character { get; private set; } = AvatarCharacterDocument.Default;

    /// <summary>True when the person saved a character before (the page then says "Edit my character").</summary>
    public bool Stored { get; private set; }

    public string CatalogueJson { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userManager.GetUserId(User), out var userId)) return Challenge();
        if (await avatars.FindCharacterAsync(userId, cancellationToken) is { } character)
        {
            Character = character;
            Stored = true;
        }

        CatalogueJson = AvatarCatalogueJson.Write(t);
        return Page();
    }
}
