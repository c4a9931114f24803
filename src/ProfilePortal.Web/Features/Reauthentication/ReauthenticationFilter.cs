using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.WebUtilities;

namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>
/// Runs on every page (after authorization and antiforgery) and acts only where RequiresReauthentication applies:
/// when the session's last confirmation is stale, the action does not run and the person is sent to confirm their
/// password, then back to the page to do it again. The POST is not replayed: its form may be stale by then, and a
/// replayed POST would act without the person seeing what they confirm.
/// </summary>
public sealed partial class ReauthenticationFilter(SessionConfirmation confirmation, ILogger<ReauthenticationFilter> logger) : IAsyncPageFilter
{
    public const string Page = "/Account/Reauthenticate";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!RequiresReauthenticationAttribute.AppliesTo(context.ActionDescriptor, context.HandlerMethod, http.Request.Method)
            || await confirmation.IsRecentAsync(http))
        {
            await next();
            return;
        }

        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        LogAsked(logger, userId, context.ActionDescriptor.ViewEnginePath);
        context.Result = new RedirectToPageResult(Page, new { returnUrl = PageUrl(http.Request) });
    }

    /// <summary>The page the POST came from, as the GET a browser can go back to: the handler name is dropped.</summary>
    private static string PageUrl(HttpRequest request)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !string.Equals(p.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return QueryHelpers.AddQueryString((request.PathBase + request.Path).Value ?? "/", query);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Password confirmation asked of user {UserId} before an action on {Page}")]
    private static partial void LogAsked(ILogger logger, string? userId, string page);
}
