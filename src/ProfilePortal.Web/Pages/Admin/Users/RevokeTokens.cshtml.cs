using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Web.Pages.Admin.Users;

/// <summary>The confirmation step and the revoking of every active API token of the person.</summary>
public class RevokeTokensModel(UserManager<AppUser> userManager, UserAdminService admin, TokenService tokens, IStringLocalizer<SharedResource> t)
    : UserActionPageModel(userManager)
{
    public int ActiveTokens { get; private set; }

    protected override async Task LoadDisplayDataAsync(CancellationToken cancellationToken)
        => ActiveTokens = await tokens.CountActiveAsync(Person.Id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id)) return NotFound();
        var revoked = await admin.RevokeTokensAsync(ActorId, Person, cancellationToken);
        return BackToPerson(revoked == 1
            ? t["1 API token of {0} has been revoked.", Person.FullName]
            : t["{0} API tokens of {1} have been revoked.", revoked, Person.FullName]);
    }
}
