namespace ProfilePortal.Web.Features.Presence;

/// <summary>
/// The activity status a person sets (SPEC 2.8). Online is shown as Away once none of the person's sessions has made a
/// request for a while; Appear offline is shown to others as offline.
/// </summary>
public enum ActivityStatus
{
    Online = 0,
    Away = 1,
    Busy = 2,
    DoNotDisturb = 3,
    AppearOffline = 4,
}
