using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Web.Pages.Billing;

/// <summary>
/// "Billing &amp; usage" (billing.view): ProfilePortal takes no payments, so this page says which usage figures exist,
/// counted from the accounts and sessions themselves.
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock, IOptionsMonitor<Features.Sessions.SessionOptions> sessionOptions) : PageModel
{
    public int Accounts { get; private set; }
    public int DisabledAccounts { get; private set; }
    public int Organizations { get; private set; }
    public int ActiveSessions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Accounts = await db.Users.CountAsync(cancellationToken);
        DisabledAccounts = await db.Users.CountAsync(u => u.DisabledAt != null, cancellationToken);
        Organizations = await db.Organizations.CountAsync(cancellationToken);
        var now = new SessionClock(clock.GetUtcNow().UtcDateTime, sessionOptions.CurrentValue.IdleTimeout);
        ActiveSessions = await db.UserSessions.CountAsync(SessionRules.Ended.NotAt(now), cancellationToken);
    }
}
