using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Presence;

namespace ProfilePortal.Tests.Pages.Settings.Status;

/// <summary>
/// The activity status switcher in the profile menu (SPEC 2, 2.8): a form on every page that posts to /Settings/Status
/// and comes back to the page with a status line; the menu's own dot and the marked choice come from the claims.
/// </summary>
public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Status";

    private static IHtmlFormElement MenuStatusForm(HtmlPage page)
        => (IHtmlFormElement)page.Document.QuerySelector("[data-testid='menu-status-form']")!;

    private static Task<HttpResponseMessage> ChooseInMenuAsync(HttpClient client, HtmlPage page, string status)
        => client.PostFormAsync(MenuStatusForm(page), new Dictionary<string, string> { ["Input.Status"] = status }, Url);

    private static string MenuDot(HtmlPage page) => page.Document.QuerySelector(".profile-menu-toggle .status-dot")!.GetAttribute("data-status")!;

    private static string? CurrentChoice(HtmlPage page)
        => page.Document.QuerySelector("[data-testid='menu-status-form'] button[aria-current='true']")?.GetAttribute("value");

    private Task<List<string?>> LoggedDetailsAsync(Guid userId) => factory.InScopeAsync(sp =>
        sp.GetRequiredService<AppDbContext>().SecurityEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.Type == SecurityEventType.ActivityStatusChanged)
            .OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());

    [Fact]
    public async Task PostFromMenu_NewStatus_ReturnsToThePageWithAMessageAndTheMenuShowsIt()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var security = await client.GetPageAsync("/Settings/Security?tab=1");
        Assert.Equal("online", CurrentChoice(security));
        Assert.Equal("Online", MenuDot(security));

        var response = await ChooseInMenuAsync(client, security, "busy");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Security?tab=1", response.Headers.Location!.ToString());
        var back = await client.FollowAsync(response);
        Assert.Equal("Your status is now Busy.", back.StatusMessage);
        Assert.Equal("busy", CurrentChoice(back));
        Assert.Equal("Busy", MenuDot(back));
        Assert.Equal("Busy", back.Text("[data-testid='menu-current-status']"));
        Assert.Equal(ActivityStatus.Busy, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
        Assert.Equal(["Busy"], await LoggedDetailsAsync(user.Id));
        // The message is shown once.
        Assert.Equal("", (await client.GetPageAsync("/Settings/Security")).StatusMessage);
    }

    [Fact]
    public async Task PostFromMenu_OtherSessionOfThePerson_ShowsTheNewStatusAtItsNextRequest()
    {
        var user = await factory.CreateUserAsync();
        var laptop = await factory.SignedInClientAsync(user);
        var phone = await factory.SignedInClientAsync(user);

        await ChooseInMenuAsync(laptop, await laptop.GetPageAsync("/Settings/Profile"), "doNotDisturb");

        var onPhone = await phone.GetPageAsync("/Settings/Profile");
        Assert.Equal("doNotDisturb", CurrentChoice(onPhone));
        Assert.Equal("DoNotDisturb", MenuDot(onPhone));
    }

    [Fact]
    public async Task PostFromMenu_SameStatusAgain_SaysSoButLogsOnlyTheChange()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await ChooseInMenuAsync(client, await client.GetPageAsync("/Settings/Profile"), "away");

        var again = await ChooseInMenuAsync(client, await client.GetPageAsync("/Settings/Profile"), "away");
        Assert.Equal("Your status is now Away.", (await client.FollowAsync(again)).StatusMessage);
        var online = await ChooseInMenuAsync(client, await client.GetPageAsync("/Settings/Profile"), "online");
        var onlineAgain = await ChooseInMenuAsync(client, await client.GetPageAsync("/Settings/Profile"), "online");

        Assert.Equal(HttpStatusCode.Redirect, online.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, onlineAgain.StatusCode);
        Assert.Equal(["Away", "Online"], await LoggedDetailsAsync(user.Id));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("")]
    public async Task PostFromMenu_ReturnUrlNotOnThisSite_GoesToTheStatusPage(string returnUrl)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync("/Settings/Profile");

        var response = await client.PostFormAsync(MenuStatusForm(page), new Dictionary<string, string> { ["Input.Status"] = "busy", ["returnUrl"] = returnUrl }, Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Url, response.Headers.Location!.ToString());
        Assert.Equal("Your status is now Busy.", (await client.FollowAsync(response)).StatusMessage);
    }

    [Theory]
    [InlineData("sleeping")]
    [InlineData("Busy")]
    [InlineData("2")]
    [InlineData("")]
    public async Task Post_NotAStatus_ShowsTheChoicesAndChangesNothing(string value)
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.Away);
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync("/Settings/Profile");
        var stamp = (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp;

        var response = await ChooseInMenuAsync(client, page, value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await HtmlPage.ParseAsync(response);
        Assert.Equal("Choose one of these statuses: online, away, busy, doNotDisturb, appearOffline.", shown.FieldError("Input.Status"));
        var saved = await factory.LoadUserAsync(user.Id);
        Assert.Equal(ActivityStatus.Away, saved.ActivityStatus);
        Assert.Equal(stamp, saved.ConcurrencyStamp);
        Assert.Empty(await LoggedDetailsAsync(user.Id));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await client.PostAsync(Url, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Status"] = "busy" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ActivityStatus.Online, (await factory.LoadUserAsync(user.Id)).ActivityStatus);
    }

    [Fact]
    public async Task Menu_AppearOffline_ShowsTheOfflineDotAndSaysAppearOffline()
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.AppearOffline);
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync("/Settings/Profile");

        Assert.Equal("Offline", MenuDot(page));
        Assert.Equal("Offline", page.Text(".profile-menu-toggle .status-dot .visually-hidden"));
        Assert.Equal("Appear offline", page.Text("[data-testid='menu-current-status']"));
        Assert.Equal("appearOffline", CurrentChoice(page));
    }

    [Fact]
    public async Task Menu_ListsProfileSettingsPeopleLanguageAndTheFiveStatuses()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync("/Settings/Profile");

        Assert.Equal("/People", page.Document.QuerySelector("[data-testid='menu-people']")!.GetAttribute("href"));
        var language = page.Document.QuerySelector("[data-testid='menu-language']")!;
        Assert.Equal("/Settings/Preferences", language.GetAttribute("href"));
        Assert.StartsWith("Language", language.TextContent.Trim());
        Assert.Contains("English", language.TextContent);
        var choices = page.Document.QuerySelectorAll("[data-testid='menu-status-form'] button[name='Input.Status']")
            .Select(b => (b.GetAttribute("value"), b.QuerySelector(".status-choice-label")!.TextContent.Trim())).ToList();
        Assert.Equal([("online", "Online"), ("away", "Away"), ("busy", "Busy"), ("doNotDisturb", "Do not disturb"), ("appearOffline", "Appear offline")], choices);
        Assert.Single(page.Document.QuerySelectorAll("[data-testid='menu-status-form'] [aria-current]"));
    }

    [Fact]
    public async Task Get_StatusPage_ShowsWhatOthersSeeAndTheChoices()
    {
        var user = await factory.CreateUserAsync(u => u.ActivityStatus = ActivityStatus.DoNotDisturb);
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Others see you as Do not disturb.", page.Text("[data-testid='shown-status']"));
        Assert.Equal("doNotDisturb", page.Document.QuerySelector("main button[aria-current='true']")?.GetAttribute("value"));
    }
}
