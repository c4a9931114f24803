using System.Text.RegularExpressions;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Profile;

public sealed class ProfileJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInAndEditProfile_TitleAndBioChanged_ShowsStatusAndKeepsValuesAfterReload()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousAsync();

        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);

        var profile = new ProfilePage(session.Page);
        await profile.Title.FillAsync("Analyst of engines");
        await profile.Bio.FillAsync("Wrote the first published algorithm.\nLikes poetical science.");
        await profile.UpdateAsync();

        await Expect(profile.StatusMessage).ToHaveTextAsync("Your profile has been updated.");
        await session.Page.ReloadAsync();
        await Expect(profile.StatusMessage).ToHaveCountAsync(0);
        await Expect(profile.Title).ToHaveValueAsync("Analyst of engines");
        await Expect(profile.Bio).ToHaveValueAsync("Wrote the first published algorithm.\nLikes poetical science.");

        var stored = await browser.Portal.LoadUserAsync(user.Id);
        Assert.Equal("Analyst of engines", stored.Title);
    }

    [Fact]
    public async Task TypeBio_ScriptEnhanced_CounterFollowsEveryKeystroke()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);

        // The server renders "Up to 1000 characters."; site.js replaces it with a live count on load.
        await Expect(profile.BioCounter).ToHaveTextAsync("0 of 1000 characters");

        await profile.Bio.PressSequentiallyAsync("Hello");
        await Expect(profile.BioCounter).ToHaveTextAsync("5 of 1000 characters");
        await Expect(profile.Bio).ToHaveAccessibleDescriptionAsync("5 of 1000 characters");

        await profile.Bio.PressAsync("Backspace");
        await Expect(profile.BioCounter).ToHaveTextAsync("4 of 1000 characters");

        await profile.Bio.FillAsync(new string('x', 1001));
        await Expect(profile.BioCounter).ToHaveTextAsync("1001 of 1000 characters");
        await Expect(profile.BioCounter).ToHaveClassAsync(new Regex(@"\btext-danger\b"));
    }

    [Fact]
    public async Task SearchTimeZones_KeyboardOnly_FindsAZoneOutsideTheCommonList_AndSavesIt()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var profile = await ProfilePage.OpenAsync(session.Page);
        await Expect(profile.TimeZone.Locator("option[value='America/Argentina/Ushuaia']")).ToHaveCountAsync(0);

        await profile.TimeZoneSearch.FocusAsync();
        await session.Page.Keyboard.TypeAsync("ushu");
        await Expect(profile.TimeZoneMatches).ToHaveTextAsync("Time zones found: 1");
        // The zone chosen before the search stays in the list, so searching alone changes nothing.
        await Expect(profile.TimeZone).ToHaveValueAsync("UTC");
        await Expect(profile.TimeZone.Locator("option")).ToHaveTextAsync(["(UTC+00:00) UTC", "(UTC-03:00) Argentina/Ushuaia"]);

        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(profile.TimeZone).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("ArrowDown");
        await Expect(profile.TimeZone).ToHaveValueAsync("America/Argentina/Ushuaia");
        await profile.UpdateAsync();

        await Expect(profile.StatusMessage).ToHaveTextAsync("Your profile has been updated.");
        Assert.Equal("America/Argentina/Ushuaia", (await browser.Portal.LoadUserAsync(user.Id)).TimeZoneId);
        await Expect(profile.TimeZone).ToHaveValueAsync("America/Argentina/Ushuaia");

        // Clearing the search brings back the common zones, still with the chosen one.
        await profile.TimeZoneSearch.FillAsync("ushu");
        await profile.TimeZoneSearch.FillAsync("");
        await Expect(profile.TimeZone.Locator("option[value='Europe/Berlin']")).ToHaveCountAsync(1);
        await Expect(profile.TimeZone).ToHaveValueAsync("America/Argentina/Ushuaia");
    }
}
