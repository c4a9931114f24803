using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Admin.Users;

public sealed class AdminUsersJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_FindsAPersonBySearchAndChangesTheirEmail()
    {
        var admin = await browser.Portal.CreateUserAsync(role: Roles.Administrator);
        var last = "Quist" + Guid.NewGuid().ToString("N")[..6];
        var person = await browser.CreateUserAsync(u => { u.FirstName = "Greta"; u.LastName = last; });
        await using var session = await browser.SignedInAsync(admin);
        var users = await AdminUsersPage.OpenAsync(session.Page);

        await users.SearchAsync(last.ToLowerInvariant());

        await Expect(users.ResultCount).ToHaveTextAsync("1–1 of 1 people");
        var detail = await users.OpenPersonAsync($"Greta {last}");
        await Expect(detail.Name).ToHaveTextAsync($"Greta {last}");
        var newEmail = $"greta.{Guid.NewGuid():N}@example.test";

        await detail.ChangeEmailAsync(newEmail);

        await Expect(detail.StatusMessage).ToHaveTextAsync($"The email of Greta {last} is now {newEmail}. They sign in with it from now on.");
        await Expect(detail.Email).ToHaveTextAsync(newEmail);
        Assert.Equal(newEmail, (await browser.Portal.LoadUserAsync(person.Id)).Email);
    }
}
