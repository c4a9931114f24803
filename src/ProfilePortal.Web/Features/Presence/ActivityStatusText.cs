using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Presence;

/// <summary>What each activity status a person can choose is called (menu, security log).</summary>
public static class ActivityStatusText
{
    public static string Label(IStringLocalizer t, ActivityStatus status) => status switch
    {
        ActivityStatus.Online => t["Online"],
        ActivityStatus.Away => t["Away"],
        ActivityStatus.Busy => t["Busy"],
        ActivityStatus.DoNotDisturb => t["Do not disturb"],
        ActivityStatus.AppearOffline => t["Appear offline"],
        _ => status.ToString(),
    };

    /// <summary>The label of a status stored by name (a security log detail); other text is shown as it is.</summary>
    public static string LabelOfName(IStringLocalizer t, string? name)
        => Enum.TryParse<ActivityStatus>(name, ignoreCase: false, out var status) && Enum.IsDefined(status) && !char.IsAsciiDigit(name![0])
            ? Label(t, status)
            : name ?? "";
}
