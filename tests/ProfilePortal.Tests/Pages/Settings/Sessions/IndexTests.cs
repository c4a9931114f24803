using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Sessions;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Sessions";
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    [Fact]
    public async Task Get_TwoSignIns_ListsBothWithDeviceAndTagsThisDevice()
    {
        var user = await factory.CreateUserAsync();
        var phone = new CookieJarClient(factory, Safari);
        var laptop = new CookieJarClient(factory, Firefox);
        await phone.Client.SignInAsync(user);
        await laptop.Client.SignInAsync(user);

        var page = await laptop.Client.GetPageAsync(Url);

        var rows = page.Document.QuerySelectorAll("[data-testid='sessions'] li");
        Assert.Equal(2, rows.Length);
        var current = Assert.Single(rows, r => r.QuerySelector("[data-testid='current-session']") is not null);
        Assert.Contains("Firefox 128 on Linux", current.TextContent);
        Assert.Contains(rows, r => r.TextContent.Contains("Safari 17 on iOS 17", StringComparison.Ordinal));
        Assert.Null(current.QuerySelector("form"));
    }

    [Fact]
    public async Task PostEnd_OtherDevice_ItsNextRequestGoesToSignInAndThisOneStays()
    {
        var user = await factory.CreateUserAsync();
        var a = new CookieJarClient(factory, Firefox);
        var b = new CookieJarClient(factory, Safari);
        await a.Client.SignInAsync(user);
        await b.Client.SignInAsync(user);
        var page = await b.Client.GetPageAsync(Url);
        var otherRow = page.Document.QuerySelectorAll("[data-testid='sessions'] li").Single(r => r.QuerySelector("form") is not null);

        var response = await b.Client.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)otherRow.QuerySelector("form")!, new Dictionary<string, string>(), Url);

        var after = await b.Client.FollowAsync(response);
        Assert.Equal("The session on Firefox 128 on Linux has ended.", after.StatusMessage);
        var aNext = await a.Client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, aNext.StatusCode);
        Assert.Contains("/Account/Login", aNext.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await b.Client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Contains(await EventsAsync(user.Id), e => e.Type == SecurityEventType.SessionEnded && e.Detail == "Firefox 128 on Linux");
    }

    [Fact]
    public async Task PostEndOthers_AfterConfirmation_LeavesOnlyTheCurrentSession()
    {
        var user = await factory.CreateUserAsync();
        var others = new[] { new CookieJarClient(factory), new CookieJarClient(factory), new CookieJarClient(factory) };
        foreach (var other in others) await other.Client.SignInAsync(user);
        var me = new CookieJarClient(factory, Firefox);
        await me.Client.SignInAsync(user);

        var confirm = await me.Client.GetPageAsync(Url + "?confirm=true");
        Assert.Contains("End all other sessions?", confirm.Text("main"));
        var response = await me.Client.PostFormAsync(confirm.FormWithHandler("EndOthers"), new Dictionary<string, string>(), Url);

        var page = await me.Client.FollowAsync(response);
        Assert.Equal("3 other sessions have ended.", page.StatusMessage);
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid='sessions'] li"));
        Assert.NotNull(row.QuerySelector("[data-testid='current-session']"));
        foreach (var other in others)
            Assert.Equal(HttpStatusCode.Redirect, (await other.Client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Contains(await EventsAsync(user.Id), e => e.Type == SecurityEventType.OtherSessionsEnded);
    }

    [Fact]
    public async Task PostEnd_AnotherPersonsSession_Returns404AndNothingChanges()
    {
        var victim = await factory.CreateUserAsync();
        var victimClient = new CookieJarClient(factory);
        await victimClient.Client.SignInAsync(victim);
        var victimSession = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == victim.Id).Select(s => s.Id).SingleAsync());
        var attacker = new CookieJarClient(factory);
        await attacker.Client.SignInAsync(await factory.CreateUserAsync());
        var page = await attacker.Client.GetPageAsync(Url);

        var response = await attacker.Client.PostWithTokenAsync(page, Url + "?handler=End", new Dictionary<string, string> { ["sessionId"] = victimSession.ToString() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victimClient.Client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task SignOut_ReplayedCookie_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory);
        await browser.Client.SignInAsync(user);
        var stolen = browser.CookieHeader;

        await browser.Client.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());
        var replay = await CookieJarClient.WithCookieHeader(factory, stolen).GetAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/Account/Login", replay.Headers.Location!.ToString());
        Assert.Equal(0, await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync(s => s.UserId == user.Id)));
    }

    [Fact]
    public async Task TamperedCookie_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory);
        await browser.Client.SignInAsync(user);
        var value = browser.Cookie("ProfilePortal.Auth")!;
        var tampered = value[..^4] + (value[^4] == 'A' ? "BBBB" : "AAAA");

        var response = await CookieJarClient.WithCookieHeader(factory, "ProfilePortal.Auth=" + tampered).GetAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_AgainOnSameBrowser_GetsANewSessionKey()
    {
        var user = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory);
        await browser.Client.SignInAsync(user);
        var first = browser.Cookie("ProfilePortal.Auth");

        await browser.Client.SubmitFormAsync("/Account/Logout", new Dictionary<string, string>());
        await browser.Client.SignInAsync(user);

        Assert.NotEqual(first, browser.Cookie("ProfilePortal.Auth"));
        var keys = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == user.Id).Select(s => s.KeyHash).ToListAsync());
        Assert.Single(keys);
        // Only a hash of the key is stored, never the cookie or the key.
        Assert.DoesNotContain(first!, keys[0], StringComparison.Ordinal);
    }

    // Issue 11, defect 2: RefreshSignInAsync (after a username, name or password change) rebuilt the ticket without the
    // session id claim, so the page no longer knew "this device" and "end all others" ended the current session too.
    [Fact]
    public async Task PostEndOthers_AfterCredentialChangeRefreshedTheSignIn_KeepsTheCurrentSession()
    {
        var user = await factory.CreateUserAsync();
        var other = new CookieJarClient(factory);
        await other.Client.SignInAsync(user);
        var me = new CookieJarClient(factory, Firefox);
        await me.Client.SignInAsync(user);
        var renamed = await me.Client.SubmitFormAsync("/Settings/Username", new Dictionary<string, string>
        {
            ["Input.NewUserName"] = "renamed" + Guid.NewGuid().ToString("N")[..8],
            ["Input.CurrentPassword"] = user.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var confirm = await me.Client.GetPageAsync(Url + "?confirm=true");
        var page = await me.Client.FollowAsync(await me.Client.PostFormAsync(confirm.FormWithHandler("EndOthers"), new Dictionary<string, string>(), Url));

        Assert.Equal("1 other session has ended.", page.StatusMessage);
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid='sessions'] li"));
        Assert.NotNull(row.QuerySelector("[data-testid='current-session']"));
        Assert.Equal(HttpStatusCode.OK, (await me.Client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.Client.GetAsync("/Settings/Profile")).StatusCode);
    }

    private Task<List<SecurityEvent>> EventsAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents.Where(e => e.UserId == userId).ToListAsync());
}
