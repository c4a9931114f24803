using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Accessibility;

/// <summary>axe-core on the account attribute pages and forms, with a refused value showing its message.</summary>
public sealed class AttributesAxeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AttributesPage_RefusedKey_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        await using var session = await browser.SignedInAsync(admin);
        var page = session.Page;
        await page.GotoAsync("/Admin/Attributes");

        await page.GetByLabel("Key", new PageGetByLabelOptions { Exact = true }).FillAsync("Not A Key");
        await page.GetByLabel("Label", new PageGetByLabelOptions { Exact = true }).FillAsync("Campus");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add attribute" }).ClickAsync();

        await Expect(page.GetByLabel("Key", new PageGetByLabelOptions { Exact = true }))
            .ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("A key has 2 to 40 characters"));
        await page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task EditPage_DeleteConfirmation_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var definition = await browser.Portal.CreateAttributeAsync(AttributeType.Choice, choices: ["North", "South"]);
        await using var session = await browser.SignedInAsync(admin);
        var page = session.Page;
        await page.GotoAsync($"/Admin/Attributes/Edit/{definition.Id}");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Delete attribute" }).ClickAsync();

        await Expect(page.GetByTestId("confirm-delete")).ToBeVisibleAsync();
        await page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task PersonPage_RefusedAttributeValue_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var person = await browser.CreateUserAsync();
        var definition = await browser.Portal.CreateAttributeAsync(AttributeType.Text);
        await using var session = await browser.SignedInAsync(admin);
        var page = session.Page;
        await page.GotoAsync($"/Admin/Users/{person.Id}");
        var form = page.Locator($"form[data-attribute='{definition.Key}']");

        await form.GetByLabel(definition.Label).FillAsync("Evening \u202Eclasses");
        await form.GetByRole(AriaRole.Button).ClickAsync();

        await Expect(page.Locator($"form[data-attribute='{definition.Key}']").GetByLabel(definition.Label))
            .ToHaveAccessibleDescriptionAsync("Remove control characters and direction overrides from the value.");
        await page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task ProfilePage_AttributeThePersonSets_HasNoAxeViolations()
    {
        var person = await browser.CreateUserAsync();
        var definition = await browser.Portal.CreateAttributeAsync(AttributeType.Date, AttributeEditor.PersonToo);
        await browser.Portal.SetAttributeValueAsync(person.Id, BuiltInAttributes.FormerStudentId, BuiltInAttributes.Yes);
        await using var session = await browser.SignedInAsync(person);
        var page = session.Page;
        await page.GotoAsync("/Settings/Profile");

        await page.Locator($"form[data-attribute='{definition.Key}']").GetByLabel(definition.Label).FillAsync("2025-09-01");
        await page.Locator($"form[data-attribute='{definition.Key}']").GetByRole(AriaRole.Button).ClickAsync();

        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("Your account attribute is saved.");
        await Expect(page.Locator($"form[data-attribute='{definition.Key}']").GetByLabel(definition.Label)).ToHaveValueAsync("2025-09-01");
        await page.AssertNoAxeViolationsAsync();
    }
}
