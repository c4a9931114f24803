using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>
/// TwoFactor:RequiredForRoles: a signed-in person in one of those roles without two-factor or a passkey is sent to
/// set up two-factor from every page but the few needed to do so. A page filter, so the API, avatars and static files
/// are never redirected. The roles are in the sign-in's claims: people in no such role cost no query.
/// </summary>
public sealed class TwoFactorRequirementFilter(
    AppDbContext db,
    IOptionsMonitor<TwoFactorOptions> options,
    ITempDataDictionaryFactory tempData,
    IStringLocalizer<SharedResource> t) : IAsyncPageFilter
{
    public const string SetupPage = "/Settings/TwoFactor/Index";

    // What a person must still reach: the setup itself, a passkey instead, the password confirmation it asks for,
    // signing out, and the error and access pages.
    private static readonly HashSet<string> Exempt = new(StringComparer.OrdinalIgnoreCase)
    {
        SetupPage, "/Settings/Passkeys/Index", "/Account/Reauthenticate", "/Account/Logout", "/Account/AccessDenied", "/Account/Lockout", "/Error",
    };

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var roles = options.CurrentValue.RequiredForRoles;
        if (roles.Length == 0
            || user.Identity?.IsAuthenticated != true
            || Exempt.Contains(context.ActionDescriptor.ViewEnginePath)
            || !roles.Any(user.IsInRole)
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || await HasSecondFactorAsync(userId, context.HttpContext.RequestAborted))
        {
            await next();
            return;
        }

        tempData.GetTempData(context.HttpContext)["StatusMessage"] =
            t["Your role requires two-factor authentication. Set it up (or add a passkey) to continue."].Value;
        context.Result = new RedirectToPageResult(SetupPage);
    }

    private Task<bool> HasSecondFactorAsync(Guid userId, CancellationToken cancellationToken)
        => db.Users.AnyAsync(u => u.Id == userId && (u.TwoFactorEnabled || db.Set<AppUserPasskey>().Any(p => p.UserId == userId)), cancellationToken);
}
