namespace ProfilePortal.Web.Features.Settings;

public sealed record SettingsNavItem(string Page, string Label)
{
    /// <summary>The page's area folder ("/Settings/Avatar/"): a page inside it (the avatar creator) belongs to this item.</summary>
    public bool Covers(string? page) => page is not null && page.StartsWith(Page[..(Page.LastIndexOf('/') + 1)], StringComparison.OrdinalIgnoreCase);
}

/// <summary>The settings areas that exist, in menu order (SPEC 2: only areas that exist are listed).</summary>
public static class SettingsNavigation
{
    public static readonly IReadOnlyList<SettingsNavItem> Items =
    [
        new("/Settings/Profile/Index", "Profile"),
        new("/Settings/Avatar/Index", "Avatar"),
        new("/Settings/Username/Index", "Username"),
        new("/Settings/Security/Index", "Security"),
        new("/Settings/Tokens/Index", "API tokens"),
        new("/Settings/Sessions/Index", "Sessions"),
        new("/Settings/SecurityLog/Index", "Security log"),
        new("/Settings/Notifications/Index", "Notifications"),
        new("/Settings/Preferences/Index", "Preferences"),
        new("/Settings/Data/Index", "Your data"),
    ];
}
