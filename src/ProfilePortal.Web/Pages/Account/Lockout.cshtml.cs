using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class LockoutModel(IOptions<IdentityOptions> options) : PageModel
{
    public int LockoutMinutes => LockoutDuration.Minutes(options.Value);

    public void OnGet()
    {
    }
}
