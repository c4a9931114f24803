using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
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

    // No handler parameters: binding would read the form, and the request shown here may be one whose form could not
    // be read (a url-encoded body holding %00), which would turn its explanation into a generic error.
    public void OnGet() => Describe(StatusToExplain());

    public void OnPost() => Describe(StatusToExplain());

    /// <summary>The status the status-code pages re-executed this page for, or the exception handler's (400 for a request the server could not read).</summary>
    private int? StatusToExplain()
        => HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
           ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode : null);

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
