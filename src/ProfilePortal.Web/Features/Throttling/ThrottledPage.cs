using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Throttling;

public static class ThrottledPage
{
    /// <summary>
    /// The same page again with 429 Too Many Requests, Retry-After and the wait above the form: a person reads when
    /// to come back, a program reads the header.
    /// </summary>
    public static PageResult TooManyAttempts(this PageModel page, ThrottleRefusal refusal, IStringLocalizer t)
    {
        refusal.WriteRetryAfter(page.Response);
        ValidationErrors.Failure(string.Empty, refusal.Minutes == 1
            ? t["Too many attempts. Try again in 1 minute."]
            : t["Too many attempts. Try again in {0} minutes.", refusal.Minutes]).AddTo(page.ModelState);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }
}
