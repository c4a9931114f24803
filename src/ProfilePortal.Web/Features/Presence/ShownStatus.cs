namespace ProfilePortal.Web.Features.Presence;

/// <summary>What others see of a person's activity status (SPEC 2.8): the chosen status, adjusted by their activity.</summary>
public enum ShownStatus
{
    Online,
    Away,
    Busy,
    DoNotDisturb,
    Offline,
}

public static class PresenceRules
{
    /// <summary>Online turns to Away after this long without a request from any of the person's sessions.</summary>
    public static readonly TimeSpan AwayAfter = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The status shown for a person who chose <paramref name="chosen"/> and whose sessions were last active at
    /// <paramref name="lastActivityAt"/> (null: no session, i.e. signed out everywhere). Computed on read from the
    /// sessions' last activity, which the session store already records, so a request writes nothing extra.
    /// </summary>
    public static ShownStatus Shown(ActivityStatus chosen, DateTime? lastActivityAt, DateTime now)
    {
        if (chosen == ActivityStatus.AppearOffline || lastActivityAt is null) return ShownStatus.Offline;
        return chosen switch
        {
            ActivityStatus.Busy => ShownStatus.Busy,
            ActivityStatus.DoNotDisturb => ShownStatus.DoNotDisturb,
            ActivityStatus.Away => ShownStatus.Away,
            _ => now - lastActivityAt.Value >= AwayAfter ? ShownStatus.Away : ShownStatus.Online,
        };
    }
}
