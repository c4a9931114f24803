using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>/People: the name search, the department filter and the list of the organization's people.</summary>
public sealed class PeoplePage(IPage page)
{
    public const string Path = "/People";

    public IPage Page => page;
    public ILocator Search => page.GetByLabel("Name", new PageGetByLabelOptions { Exact = true });
    public ILocator Department => page.GetByLabel("Department");
    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Search", Exact = true });
    public ILocator ResultCount => page.GetByTestId("result-count");
    public ILocator People => page.GetByTestId("people").Locator("li");

    public static async Task<PeoplePage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new PeoplePage(page);
    }

    public async Task SearchAsync(string term)
    {
        await Search.FillAsync(term);
        await Search.PressAsync("Enter");
    }

    public async Task<PersonCardPage> OpenPersonAsync(string fullName)
    {
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = fullName, Exact = true }).ClickAsync();
        return new PersonCardPage(page);
    }
}

/// <summary>/People/{id}: one person's card.</summary>
public sealed class PersonCardPage(IPage page)
{
    public IPage Page => page;
    public ILocator Name => page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 });
    public ILocator Title => page.GetByTestId("person-title");
    public ILocator Department => page.GetByTestId("person-department");
    public ILocator LocalTime => page.GetByTestId("person-local-time");
    public ILocator Status => page.GetByTestId("person-card").Locator(".status-dot");

    public static async Task<PersonCardPage> OpenAsync(IPage page, Guid id)
    {
        await page.GotoAsync($"/People/{id}");
        return new PersonCardPage(page);
    }
}
