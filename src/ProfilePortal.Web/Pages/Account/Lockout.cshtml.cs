using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Pages.Account;

[AllowAnonymous]
public class LockoutModel(IOptions<IdentityOptions> options) : PageModel
{
    public int LockoutMinutes => (int)options.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes;

    public void OnGet()
    {
    }
}
