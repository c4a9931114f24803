using Microsoft.AspNetCore.Localization;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Localization;

/// <summary>
/// The language a signed-in person chose on Preferences. It travels in the session's claims (rebuilt on every session
/// when the account changes), so choosing a language applies at once everywhere without a database read per request.
/// </summary>
public sealed class AccountLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = httpContext.User.FindFirst(PortalClaims.Language)?.Value;
        return Task.FromResult(PortalLanguages.IsSupported(culture) ? new ProviderCultureResult(culture) : null);
    }
}
