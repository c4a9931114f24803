using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

public enum AccountStatus
{
    Active,
    Locked,
    Disabled,
}

/// <summary>Derives the account status shown to people and admins (SPEC 2.1: ACTIVE, LOCKED, DISABLED).</summary>
public sealed class AccountStatusService(TimeProvider clock)
{
    public AccountStatus StatusOf(AppUser user)
    {
        if (user.DisabledAt is not null) return AccountStatus.Disabled;
        if (user.LockoutEnd is { } end && end > clock.GetUtcNow()) return AccountStatus.Locked;
        return AccountStatus.Active;
    }
}
