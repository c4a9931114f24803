using Microsoft.AspNetCore.Identity;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>How long a lockout lasts, as messages name it: read from Identity's lockout options, never written twice.</summary>
public static class LockoutDuration
{
    public static int Minutes(IdentityOptions options) => (int)options.Lockout.DefaultLockoutTimeSpan.TotalMinutes;
}
