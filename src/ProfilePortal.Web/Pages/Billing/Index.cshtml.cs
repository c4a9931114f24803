using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Pages.Billing;

/// <summary>
/// "Billing &amp; usage" (billing.view): ProfilePortal takes no payments, so this page says which usage figures exist,
/// counted from the accounts and sessions themselves.
/// </summary>
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public int Accounts { get; private set; }
    public int DisabledAccounts { get; private set; }
    public int Organizations { get; private set; }
    public int ActiveSessions { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Accounts = await db.Users.CountAsync(cancellationToken);
        DisabledAccounts = await db.Users.CountAsync(u => u.DisabledAt != null, cancellationToken);
        Organizations = await db.Organizations.CountAsync(cancellationToken);
        ActiveSessions = await db.UserSessions.CountAsync(s => s.ExpiresAt > now, cancellationToken);
    }
}
