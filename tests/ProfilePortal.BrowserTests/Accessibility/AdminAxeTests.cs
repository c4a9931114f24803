using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Accessibility;

/// <summary>axe-core (all default rules) on the administration pages.</summary>
public sealed class AdminAxeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task UsersList_WithResults_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        await browser.CreateUserAsync(u => u.LastName = "Axe" + Guid.NewGuid().ToString("N")[..6]);
        await using var session = await browser.SignedInAsync(admin);
        var users = await AdminUsersPage.OpenAsync(session.Page);
        await Expect(users.Rows.First).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task UserDetail_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var person = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(admin);
        await session.Page.GotoAsync($"/Admin/Users/{person.Id}");
        await Expect(new AdminUserPage(session.Page).Name).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task EmailChange_RefusedAddress_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var person = await browser.CreateUserAsync();
        var other = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(admin);
        await session.Page.GotoAsync($"/Admin/Users/{person.Id}");
        var detail = new AdminUserPage(session.Page);

        await detail.ChangeEmailAsync(other.Email.ToUpperInvariant());
        await Expect(detail.NewEmail).ToHaveAccessibleDescriptionAsync("This email address belongs to another account.");

        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Fact]
    public async Task Provisioning_NewTokenShownAndRevokeConfirmation_HasNoAxeViolations()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var existing = await browser.Portal.CreateProvisioningTokenAsync("Okta " + Guid.NewGuid().ToString("N")[..6]);
        await using var session = await browser.SignedInAsync(admin);
        await session.Page.GotoAsync("/Admin/Provisioning");
        await session.Page.GetByLabel("Name").FillAsync("Microsoft Entra ID " + Guid.NewGuid().ToString("N")[..6]);
        await session.Page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(session.Page.GetByTestId("new-token")).ToBeVisibleAsync();

        await session.Page.AssertNoAxeViolationsAsync();

        await session.Page.GotoAsync($"/Admin/Provisioning?revoke={existing.Token.Id}");
        await Expect(session.Page.GetByTestId("confirm-revoke")).ToBeVisibleAsync();
        await session.Page.AssertNoAxeViolationsAsync();
    }

    [Theory]
    [InlineData("ResetTwoFactor", "Reset the two-factor authentication of")]
    [InlineData("ApproveDeletion", "Delete the account of")]
    [InlineData("DeclineDeletion", "Decline")]
    public async Task ActionPage_OfTwoFactorAndDeletion_HasNoAxeViolations(string action, string heading)
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var person = await browser.CreateUserAsync(u =>
        {
            u.TwoFactorEnabled = true;
            u.DeletionRequestedAt = DateTime.UtcNow.AddHours(-1);
        });
        await using var session = await browser.SignedInAsync(admin);
        await session.Page.GotoAsync($"/Admin/Users/{person.Id}/{action}");
        await Expect(session.Page.Locator("h1")).ToContainTextAsync(heading);

        await session.Page.AssertNoAxeViolationsAsync();
    }
}
