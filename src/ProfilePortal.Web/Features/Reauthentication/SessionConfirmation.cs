using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Features.Reauthentication;

/// <summary>
/// When this session last proved the password: at sign-in, or later on /Account/Reauthenticate. Kept in the
/// server-side session's ticket (AuthenticationProperties.Items), so it needs no column and dies with the session.
/// </summary>
public sealed class SessionConfirmation(TimeProvider clock, IOptionsMonitor<ReauthenticationOptions> options)
{
    /// <summary>Ticks (UTC) of the last re-authentication in this session.</summary>
    public const string ConfirmedItem = "pp.session.confirmed";

    /// <summary>The later of the sign-in and the last re-authentication; null when the ticket carries neither.</summary>
    public static DateTime? LastConfirmedAt(AuthenticationProperties properties)
    {
        var signedIn = Ticks(properties, DatabaseTicketStore.CreatedItem);
        var confirmed = Ticks(properties, ConfirmedItem);
        if (signedIn is null && confirmed is null) return null;
        return new DateTime(Math.Max(signedIn ?? 0, confirmed ?? 0), DateTimeKind.Utc);
    }

    /// <summary>True when the signed-in session confirmed the password within the window. The cookie handler caches
    /// the request's ticket, so this reads no database.</summary>
    public async Task<bool> IsRecentAsync(HttpContext context)
    {
        var auth = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!auth.Succeeded || LastConfirmedAt(auth.Properties) is not { } at) return false;
        return clock.GetUtcNow().UtcDateTime - at <= options.CurrentValue.ReauthenticationWindow;
    }

    /// <summary>
    /// Records a confirmation now by re-issuing this session's ticket with the same principal and properties: the
    /// cookie handler hands it to the session store's RenewAsync under the current key, so the session keeps its key
    /// and id and only its stored ticket changes.
    /// </summary>
    public async Task ConfirmAsync(HttpContext context)
    {
        var auth = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!auth.Succeeded) return;
        auth.Properties.Items[ConfirmedItem] = clock.GetUtcNow().UtcDateTime.Ticks.ToString(CultureInfo.InvariantCulture);
        await context.SignInAsync(IdentityConstants.ApplicationScheme, auth.Principal, auth.Properties);
    }

    private static long? Ticks(AuthenticationProperties properties, string item)
        => properties.Items.TryGetValue(item, out var text)
           && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
           && ticks <= DateTime.MaxValue.Ticks
            ? ticks
            : null;
}
