namespace ProfilePortal.Web.Features.Presence;

/// <summary>What _ActivityStatusSwitcher.cshtml draws: the five choices with the current one marked, posting back to <paramref name="ReturnUrl"/>.</summary>
public sealed record ActivityStatusSwitcher(ActivityStatus Current, string ReturnUrl, bool InMenu);
