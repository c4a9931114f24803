using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class ResetPasswordConfirmationModel : PageModel
{
    public const string RevokedTokensKey = "RevokedTokens";

    /// <summary>How many API tokens the reset revoked; null when resets leave tokens alone (Security:ResetRevokesTokens).</summary>
    [TempData(Key = RevokedTokensKey)]
    public int? RevokedTokens { get; set; }

    public void OnGet()
    {
    }
}
