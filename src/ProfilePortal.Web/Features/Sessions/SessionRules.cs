using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Sessions;

/// <summary>The moment a session is judged at, with the idle timeout in force then.</summary>
public sealed record SessionClock(DateTime NowUtc, TimeSpan IdleTimeout);

/// <summary>
/// When a session has ended by time (SPEC 2.7): the one rule for the session store (refuse and delete), the sessions
/// page and the usage figures (list and count the others) and the cleanup (delete).
/// </summary>
public static class SessionRules
{
    /// <summary>
    /// Ended: its absolute lifetime is over, or, without "keep me signed in", it has been idle for the idle timeout.
    /// Both limits belong to "ended": at exactly <see cref="UserSession.ExpiresAt"/>, or exactly
    /// <see cref="SessionOptions.IdleTimeout"/> after the last activity, the session is over.
    /// </summary>
    public static readonly EntityRule<UserSession, SessionClock> Ended =
        new((session, at) => session.ExpiresAt <= at.NowUtc
                             || (!session.IsPersistent && session.LastActivityAt <= at.NowUtc - at.IdleTimeout));
}
