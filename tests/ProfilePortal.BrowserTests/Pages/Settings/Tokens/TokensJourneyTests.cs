using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Pages.Settings.Tokens;

public sealed class TokensJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string CreatedStatus = "Your new token has been created. Copy it now: it will not be shown again.";

    [Fact]
    public async Task CreateCopyUseAndRevoke_SignedIn_ShownOnceCopiedToClipboardAndRefusedByTheApiOnceRevoked()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
        await session.Context.GrantPermissionsAsync(
            ["clipboard-read", "clipboard-write"],
            new BrowserContextGrantPermissionsOptions { Origin = browser.Portal.BaseAddress.GetLeftPart(UriPartial.Authority) });

        var tokens = await TokensPage.OpenAsync(session.Page);
        await Expect(tokens.NoActiveTokens).ToHaveTextAsync("You have no active tokens.");
        var lastDay = DateOnly.FromDateTime(browser.Portal.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        await tokens.CreateAsync("Backup script", read: true, write: false, expiresOn: lastDay);

        await Expect(session.Page).ToHaveURLAsync(TokensPage.Url);
        await Expect(tokens.StatusMessage).ToHaveTextAsync(CreatedStatus);
        var value = await tokens.ReadNewTokenAsync();
        Assert.Matches(TokensPage.TokenValue, value);
        await Expect(tokens.ActiveToken("Backup script")).ToContainTextAsync($"{value[..8]}…");
        await Expect(tokens.ActiveToken("Backup script")).ToContainTextAsync("Scopes: Read");

        // The clipboard starts out without the token, so only the Copy button can put it there.
        Assert.NotEqual(value, await session.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await Expect(tokens.CopyButton).ToBeVisibleAsync();
        await tokens.CopyAsync();
        await Expect(tokens.CopyStatus).ToHaveTextAsync("Copied");
        Assert.Equal(value, await session.Page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await Expect(tokens.NewTokenValue).ToBeFocusedAsync();

        using var api = new HttpClient { BaseAddress = browser.Portal.BaseAddress };
        using (var answer = await GetMeAsync(api, value))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(user.UserName, body.GetProperty("userName").GetString());
        }

        await session.Page.ReloadAsync();
        await Expect(tokens.ActiveToken("Backup script")).ToHaveCountAsync(1);
        await Expect(tokens.NewToken).ToHaveCountAsync(0);
        await Expect(tokens.StatusMessage).ToHaveCountAsync(0);
        Assert.DoesNotContain(value, await session.Page.ContentAsync(), StringComparison.Ordinal);

        await tokens.RevokeAsync("Backup script");

        await Expect(tokens.StatusMessage).ToHaveTextAsync(
            $"The token Backup script ({value[..8]}…) has been revoked. Programs using it can no longer sign in.");
        await Expect(tokens.ActiveTokens).ToHaveCountAsync(0);
        await Expect(tokens.NoActiveTokens).ToBeVisibleAsync();
        await Expect(tokens.WithdrawnToken("Backup script")).ToHaveCountAsync(1);
        await Expect(tokens.WithdrawnToken("Backup script")).ToContainTextAsync("revoked");
        using (var answer = await GetMeAsync(api, value))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }
    }

    [Fact]
    public async Task CreateToken_KeyboardOnly_TabSpaceAndEnterCreateAWriteOnlyToken()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var tokens = await TokensPage.OpenAsync(session.Page);
        await Expect(tokens.ReadScope).ToBeCheckedAsync();
        await Expect(tokens.WriteScope).Not.ToBeCheckedAsync();

        Assert.True(await TabUntilFocusedAsync(tokens.Description), "The description field is not reachable with Tab.");
        await session.Page.Keyboard.TypeAsync("Deploy bot");
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(tokens.ReadScope).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Space");
        await session.Page.Keyboard.PressAsync("Tab");
        await Expect(tokens.WriteScope).ToBeFocusedAsync();
        await session.Page.Keyboard.PressAsync("Space");
        await Expect(tokens.ReadScope).Not.ToBeCheckedAsync();
        await Expect(tokens.WriteScope).ToBeCheckedAsync();
        Assert.True(await TabUntilFocusedAsync(tokens.CreateButton), "The Create token button is not reachable with Tab.");
        await session.Page.Keyboard.PressAsync("Enter");

        await Expect(tokens.StatusMessage).ToHaveTextAsync(CreatedStatus);
        var value = await tokens.ReadNewTokenAsync();
        await Expect(tokens.ActiveTokens).ToHaveCountAsync(1);
        await Expect(tokens.ActiveToken("Deploy bot")).ToContainTextAsync($"{value[..8]}…");
        await Expect(tokens.ActiveToken("Deploy bot")).ToContainTextAsync("Scopes: Write");
    }

    [Fact]
    public async Task CreateToken_JavaScriptDisabled_ValueShownAndCopyButtonStaysHidden()
    {
        var user = await browser.CreateUserAsync();
        await using var session = await browser.SignedInWithoutJavaScriptAsync(user);
        var tokens = await TokensPage.OpenAsync(session.Page);

        await tokens.CreateAsync("No-script token", read: true, write: true, expiresOn: null);

        await Expect(tokens.StatusMessage).ToHaveTextAsync(CreatedStatus);
        var value = await tokens.ReadNewTokenAsync();
        await Expect(tokens.ActiveToken("No-script token")).ToContainTextAsync($"{value[..8]}…");
        await Expect(tokens.ActiveToken("No-script token")).ToContainTextAsync("Scopes: Read and write");
        await Expect(tokens.ActiveToken("No-script token")).ToContainTextAsync("no expiry");
        // The button is in the HTML, but only site.js unhides it.
        await Expect(tokens.CopyButtonElement).ToHaveCountAsync(1);
        await Expect(tokens.CopyButtonElement).ToBeHiddenAsync();
        await Expect(tokens.CopyButtonElement).ToHaveAttributeAsync("hidden", "");
        await Expect(tokens.NewTokenValue).ToHaveAttributeAsync("readonly", "");

        using var api = new HttpClient { BaseAddress = browser.Portal.BaseAddress };
        using var answer = await GetMeAsync(api, value);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>GET /api/v1/me on the test server as a script would send it: the token as a bearer token, no cookies.</summary>
    private static async Task<HttpResponseMessage> GetMeAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }

    /// <summary>Presses Tab as a keyboard user would, stopping when <paramref name="target"/> has focus.</summary>
    private static async Task<bool> TabUntilFocusedAsync(ILocator target, int maxPresses = 30)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await target.Page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement")) return true;
        }
        return false;
    }
}
