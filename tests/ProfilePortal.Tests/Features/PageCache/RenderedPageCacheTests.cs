using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using ProfilePortal.Tests.Api;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Features.PageCache;

namespace ProfilePortal.Tests.Features.PageCache;

/// <summary>
/// The profile page is answered from RenderedPageCache while the data versions read in the request are unchanged.
/// Every change below is written with plain SQL, as another node or a script would write it: the next request must
/// still show it. Each kept answer carries a token of its own, and the page's promises (an ended session, a disabled
/// account, a status message shown once, a lock that ends) hold as when it renders.
/// </summary>
public class RenderedPageCacheTests(CommandCountingFactory factory) : IClassFixture<CommandCountingFactory>
{
    private const string Url = "/Settings/Profile";

    [Fact]
    public async Task Get_Again_IsTheSessionReadAndTheSharedVersionAndTheSamePageWithATokenOfItsOwn()
    {
        var client = await SignedInAsync((await factory.CreatePlacedPersonAsync()).User);
        var rendered = await client.GetAsync(Url);

        var before = factory.Commands;
        var kept = await client.GetAsync(Url);
        var queries = factory.Commands - before;

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        // The session read (with the person's version) and the shared version: no query of the page's own.
        Assert.Equal(2, queries);
        var (renderedPage, keptPage) = (await HtmlPage.ParseAsync(rendered), await HtmlPage.ParseAsync(kept));
        Assert.NotEqual(renderedPage.AntiforgeryToken, keptPage.AntiforgeryToken);
        // Every form of the kept page carries this response's token, and the pages are otherwise the same bytes.
        Assert.All(keptPage.Document.QuerySelectorAll("input[name='__RequestVerificationToken']"), input => Assert.Equal(keptPage.AntiforgeryToken, input.GetAttribute("value")));
        Assert.Equal(
            (await rendered.Content.ReadAsStringAsync()).Replace(renderedPage.AntiforgeryToken, "TOKEN", StringComparison.Ordinal),
            (await kept.Content.ReadAsStringAsync()).Replace(keptPage.AntiforgeryToken, "TOKEN", StringComparison.Ordinal));
        Assert.Equal(rendered.Content.Headers.ContentType, kept.Content.Headers.ContentType);
        Assert.Equal(Headers(rendered), Headers(kept));
        Assert.Equal(kept.Content.Headers.ContentLength, (await kept.Content.ReadAsByteArrayAsync()).Length);

        // The kept page's token is accepted: its form saves.
        var save = await client.PostFormAsync(keptPage.Form("Input.Title"), new Dictionary<string, string> { ["Input.Title"] = "Saved from a kept page" }, Url);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        Assert.Equal("Your profile has been updated.", (await client.FollowAsync(save)).StatusMessage);
    }

    [Theory]
    [MemberData(nameof(WrittenElsewhere.Changes), MemberType = typeof(WrittenElsewhere))]
    public async Task Get_AfterAChangeWrittenElsewhere_ShowsTheNewData(string change)
    {
        var placed = await factory.CreatePlacedPersonAsync();
        var (user, role, attribute) = placed;
        var client = await SignedInAsync(user);
        var kept = await client.GetPageAsync(Url);
        Assert.Contains(role.Name!, Panel(kept));
        Assert.Equal("before", Attribute(kept, attribute.Key));

        var name = "Renamed " + Guid.NewGuid().ToString("N")[..8];
        await factory.WriteElsewhereAsync(WrittenElsewhere.Change(change, placed, name));
        var page = await client.GetPageAsync(Url);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        switch (change)
        {
            case "title": Assert.Equal(name, page.Value("Input.Title")); break;
            case "role removed": Assert.DoesNotContain(role.Name!, Panel(page)); break;
            case "attribute value changed": Assert.Equal(name, Attribute(page, attribute.Key)); break;
            case "attribute hidden": Assert.Null(page.Document.QuerySelector($"[data-attribute='{attribute.Key}']")); break;
            default: Assert.Contains(name, Panel(page)); break;
        }
    }

    [Theory]
    [InlineData("session ended")]
    [InlineData("account disabled")]
    public async Task Get_AfterTheSessionOrAccountEndedElsewhere_SignsInAgainNotAnsweredFromTheCache(string change)
    {
        var user = (await factory.CreatePlacedPersonAsync()).User;
        var client = await SignedInAsync(user);

        await factory.WriteElsewhereAsync(change == "session ended"
            ? (FormattableString)$"""DELETE FROM "UserSessions" WHERE "UserId" = {user.Id}"""
            : $"""UPDATE "AspNetUsers" SET "DisabledAt" = {DateTime.UtcNow} WHERE "Id" = {user.Id}""");
        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_AStatusMessageAfterAPost_IsShownOnceOnAKeptPage()
    {
        var client = await SignedInAsync((await factory.CreatePlacedPersonAsync()).User);
        var kept = await client.GetPageAsync(Url);

        // The menu's activity status switcher returns here with its message (TempData), which no kept page holds.
        var changed = await client.PostFormAsync(kept.Document.QuerySelector("[data-testid='menu-status-form']") as AngleSharp.Html.Dom.IHtmlFormElement
            ?? throw new InvalidOperationException("No status form"), new Dictionary<string, string> { ["Input.Status"] = "away" }, "/Settings/Status");
        var shown = await client.FollowAsync(changed);
        var again = await client.GetPageAsync(Url);

        Assert.NotEqual("", shown.StatusMessage);
        Assert.Equal("", again.StatusMessage);
        Assert.Equal("", (await client.GetPageAsync(Url)).StatusMessage);
    }

    [Fact]
    public async Task Get_ALockThatEnds_IsShownUntilItsEndAndNoLonger()
    {
        var user = (await factory.CreatePlacedPersonAsync()).User;
        var client = await SignedInAsync(user);
        // Start just after an hour begins, so the time zone list's hour does not end the rendering first.
        var now = factory.Clock.GetUtcNow();
        factory.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1).AddMinutes(1));
        await factory.WriteElsewhereAsync($"""UPDATE "AspNetUsers" SET "LockoutEnd" = {factory.Clock.GetUtcNow().AddMinutes(10)} WHERE "Id" = {user.Id}""");
        Assert.Equal("LOCKED", (await client.GetPageAsync(Url)).Text("[data-testid='account-status']"));
        Assert.Equal("LOCKED", (await client.GetPageAsync(Url)).Text("[data-testid='account-status']"));

        factory.Clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal("ACTIVE", (await client.GetPageAsync(Url)).Text("[data-testid='account-status']"));
    }

    [Fact]
    public async Task Get_WhenTheHourOfTheTimeZoneListEnds_RendersAgain()
    {
        var client = await SignedInAsync((await factory.CreatePlacedPersonAsync()).User);
        var now = factory.Clock.GetUtcNow();
        factory.Clock.SetUtcNow(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(1).AddMinutes(59));
        await client.GetAsync(Url);
        await client.GetAsync(Url);
        Assert.Equal(2, await QueriesOfAsync(client, Url));

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await client.GetAsync("/Settings/Sessions"); // the session's own activity write after the clock moved

        Assert.True(await QueriesOfAsync(client, Url) > 2);
    }

    [Theory]
    [InlineData("?zones=all", 2)]
    [InlineData("?zones=all&other=1", 3)]
    public async Task Get_WithAQuery_IsKeptOnlyForTheKeysThePageReads(string query, int queries)
    {
        var client = await SignedInAsync((await factory.CreatePlacedPersonAsync()).User);
        await client.GetAsync(Url);
        await client.GetAsync(Url + query);

        Assert.Equal(queries, await QueriesOfAsync(client, Url + query));
        // The full list is its own rendering: the short one kept for the bare address is not answered for it.
        Assert.True((await client.GetPageAsync(Url + query)).Document.QuerySelectorAll("#Input_TimeZoneId option").Length > 300);
    }

    [Fact]
    public async Task Get_AnotherHandlerOfThePage_IsNeverAnsweredWithTheKeptPage()
    {
        var client = await SignedInAsync((await factory.CreatePlacedPersonAsync()).User);
        await client.GetAsync(Url);

        var zones = await client.GetAsync(Url + "?handler=TimeZones");

        Assert.Equal("application/json", zones.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"zones\"", await zones.Content.ReadAsStringAsync());
    }

    [Fact]
    public void Variant_DiffersForEveryDifferenceInTheClaims()
    {
        static string Of(params (string Type, string Value)[] claims)
            => RenderedPageCache.VariantOf(new ClaimsPrincipal(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test")));

        var variants = new[]
        {
            Of(("name", "Ada"), ("email", "ada@example.com")),
            Of(("name", "Ada"), ("email", "ada@example.org")),
            Of(("name", "Ada"), ("email", "ada@example.com"), ("permission", "users.manage")),
            Of(("nam", "eAda"), ("email", "ada@example.com")),
            Of(("name", "Ada"), ("email", "ada@example.com|5:x")),
        };

        Assert.Equal(variants.Length, variants.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(variants[0], Of(("name", "Ada"), ("email", "ada@example.com")));
    }

    private async Task<HttpClient> SignedInAsync(TestUser user)
    {
        var client = await factory.SignedInClientAsync(user);
        // The first requests after sign-in write (last activity, claims rebuilt after the sign-in's own updates).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Sessions")).StatusCode);
        return client;
    }

    private async Task<int> QueriesOfAsync(HttpClient client, string url)
    {
        var before = factory.Commands;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        return factory.Commands - before;
    }

    private static string Panel(HtmlPage page) => page.Text("[data-testid='account-panel']");

    private static string Attribute(HtmlPage page, string key) => page.Text($"dd[data-attribute='{key}']");

    private static string Headers(HttpResponseMessage response)
        => string.Join("\n", response.Headers.Where(h => h.Key is not ("Date" or "Set-Cookie")).OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + ": " + string.Join(",", h.Value)));
}

/// <summary>With the cache switched off every request renders: the comparison the benchmark makes.</summary>
public class RenderedPageCacheOffTests(RenderedPageCacheOffTests.Factory factory) : IClassFixture<RenderedPageCacheOffTests.Factory>
{
    public sealed class Factory : CommandCountingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RenderedPageCache:Enabled", "false");
        }
    }

    [Fact]
    public async Task Get_Again_RendersWithThePagesOwnQueries()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());
        for (var i = 0; i < 3; i++) await client.GetAsync("/Settings/Profile");

        var before = factory.Commands;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);

        // The session read, the person with their account panel, and their attributes.
        Assert.Equal(3, factory.Commands - before);
    }
}
