using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Hosting;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Web.Pages.Account;

/// <summary>
/// The language switcher for people not signed in (the footer's form posts here): the choice is kept in a cookie of this
/// browser. Signed-in people choose on Preferences, which stores it on the account.
/// </summary>
[AllowAnonymous]
public class LanguageModel(IOptions<PortalOptions> portal, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class LanguageInput
    {
        public string? Culture { get; set; }
    }

    [BindProperty]
    public LanguageInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => Input.Culture = PortalLanguages.Current;

    public IActionResult OnPost()
    {
        if (!PortalLanguages.IsSupported(Input.Culture))
        {
            ModelState.AddModelError("Input.Culture", t["Choose one of the listed languages."]);
            return Page();
        }

        PortalLanguages.RememberInBrowser(HttpContext, Input.Culture, portal.Value);
        return LocalRedirect(!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Account/Login");
    }
}
