using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>The profile menu in every page's header: its button, its items and the activity status switcher.</summary>
public sealed class ProfileMenu(IPage page)
{
    public ILocator Menu => page.Locator("details.profile-menu");
    public ILocator Toggle => Menu.Locator("summary");
    public ILocator Panel => Menu.Locator(".profile-menu-panel");

    /// <summary>The dot on the button's avatar; data-status holds what it shows.</summary>
    public ILocator Dot => Toggle.Locator(".status-dot");

    public ILocator CurrentStatus => page.GetByTestId("menu-current-status");
    public ILocator YourProfile => Panel.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Your profile" });
    public ILocator SignOut => Panel.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Sign out" });
    public ILocator StatusMessage => page.GetByTestId("status-message");

    /// <summary>The switcher's button for a status, by its visible name ("Busy", "Do not disturb").</summary>
    public ILocator StatusChoice(string name) => Panel.GetByRole(AriaRole.Group, new LocatorGetByRoleOptions { Name = "Status" })
        .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true });

    public Task<bool> HasFocusAsync(ILocator locator) => locator.EvaluateAsync<bool>("element => element === document.activeElement");

    /// <summary>The panel's item that has focus (none while focus is elsewhere).</summary>
    public ILocator FocusedItem => Panel.Locator(":focus");
}
