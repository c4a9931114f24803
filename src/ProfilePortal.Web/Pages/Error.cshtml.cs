using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = code switch
        {
            404 => (t["Page not found"].Value, t["There is no page at this address."].Value),
            400 => (t["Bad request"].Value, t["The request could not be understood. Reload the page and try again."].Value),
            403 => (t["Access denied"].Value, t["You do not have permission to see this page."].Value),
            413 => (t["Upload too large"].Value, t["The file is larger than this page accepts (5 MB for an avatar). Go back and choose a smaller file."].Value),
            _ => (t["Something went wrong"].Value, t["An unexpected error occurred. Try again in a moment."].Value),
        };
    }
}
