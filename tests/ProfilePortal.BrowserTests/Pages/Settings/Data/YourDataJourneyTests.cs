using System.Text.Json;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Data;

public sealed class YourDataJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DownloadAndAskToDelete_KeyboardOnly_FileArrivesAndRequestIsPending()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var data = await YourDataPage.OpenAsync(session.Page);

        Assert.True(await TabUntilFocusedAsync(data.DownloadButton), "The download button is not reachable with Tab.");
        var download = await session.Page.RunAndWaitForDownloadAsync(() => session.Page.Keyboard.PressAsync("Enter"));

        Assert.StartsWith($"profileportal-data-{user.UserName}-", download.SuggestedFilename);
        Assert.EndsWith(".json", download.SuggestedFilename);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())))
        {
            Assert.Equal("profileportal-export", json.RootElement.GetProperty("format").GetString());
            Assert.Equal(user.Email, json.RootElement.GetProperty("account").GetProperty("email").GetString());
        }

        Assert.True(await TabUntilFocusedAsync(data.Confirmation), "The confirmation field is not reachable with Tab.");
        await session.Page.Keyboard.TypeAsync(user.UserName);
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(data.AskToDeleteButton).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(data.StatusMessage).ToHaveTextAsync("Your request to delete your account is waiting for an administrator.");
        await Expect(data.Pending).ToContainTextAsync("Pending since");
        Assert.NotNull((await browser.Portal.LoadUserAsync(user.Id)).DeletionRequestedAt);

        Assert.True(await TabUntilFocusedAsync(data.WithdrawButton), "The withdraw button is not reachable with Tab.");
        await session.Page.Keyboard.PressAsync("Enter");
        await Expect(data.StatusMessage).ToHaveTextAsync("Your deletion request is withdrawn. Your account stays as it is.");
        Assert.Null((await browser.Portal.LoadUserAsync(user.Id)).DeletionRequestedAt);
    }

    /// <summary>Presses Tab as a keyboard user would, stopping when <paramref name="target"/> has focus.</summary>
    private static async Task<bool> TabUntilFocusedAsync(ILocator target, int maxPresses = 40)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return true;
        }

        return false;
    }
}
