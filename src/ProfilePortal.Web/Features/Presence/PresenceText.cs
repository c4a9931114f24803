using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Web.Features.Presence;

/// <summary>How activity statuses are named: for people (localized labels, dot colours) and in forms and JSON (camelCase).</summary>
public static class PresenceText
{
    /// <summary>The statuses a person can choose, in the switcher's order.</summary>
    public static readonly IReadOnlyList<ActivityStatus> Choices = Enum.GetValues<ActivityStatus>();

    /// <summary>The camelCase names forms and the API use ("doNotDisturb"), as the rest of the API's JSON.</summary>
    public static readonly IReadOnlyList<string> Names = Choices.Select(Name).ToList();

    public static string Name(ActivityStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static string Name(ShownStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>Exactly one of <see cref="Names"/>; nothing else (no numbers, no other casing).</summary>
    public static bool TryParse(string? name, out ActivityStatus status)
    {
        foreach (var candidate in Choices)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    /// <summary>The status the signed-in person chose, from their claims (no database read); Online when absent.</summary>
    public static ActivityStatus ChosenBy(ClaimsPrincipal user)
        => Enum.TryParse<ActivityStatus>(user.FindFirstValue(PortalClaims.ActivityStatus), ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : ActivityStatus.Online;

    public static string Label(IStringLocalizer t, ActivityStatus status) => status switch
    {
        ActivityStatus.Online => t["Online"],
        ActivityStatus.Away => t["Away"],
        ActivityStatus.Busy => t["Busy"],
        ActivityStatus.DoNotDisturb => t["Do not disturb"],
        ActivityStatus.AppearOffline => t["Appear offline"],
        _ => status.ToString(),
    };

    public static string Label(IStringLocalizer t, ShownStatus status) => status switch
    {
        ShownStatus.Online => t["Online"],
        ShownStatus.Away => t["Away"],
        ShownStatus.Busy => t["Busy"],
        ShownStatus.DoNotDisturb => t["Do not disturb"],
        _ => t["Offline"],
    };

    /// <summary>
    /// What others see of <paramref name="status"/> while the person is active (their last request is now): the
    /// person's own dot in the menu (this request is activity) and the dots of the choices.
    /// </summary>
    public static ShownStatus ShownWhileActive(ActivityStatus status) => PresenceRules.Shown(status, DateTime.UnixEpoch, DateTime.UnixEpoch);

    /// <summary>The dot's colour class (site.css).</summary>
    public static string DotClass(ShownStatus status) => status switch
    {
        ShownStatus.Online => "status-online",
        ShownStatus.Away => "status-away",
        ShownStatus.Busy => "status-busy",
        ShownStatus.DoNotDisturb => "status-dnd",
        _ => "status-offline",
    };

    /// <summary>The label of a status stored by enum name (a security log detail); other text is shown as it is.</summary>
    public static string LabelOfName(IStringLocalizer t, string? name)
        => name is { Length: > 0 } && char.IsAsciiLetter(name[0]) && Enum.TryParse<ActivityStatus>(name, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? Label(t, status)
            : name ?? "";
}
