using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Tests.Features.Sessions;

/// <summary>Idle and absolute expiry and the activity throttle, driven by the test clock.</summary>
public class SessionLifetimeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Session_IdleLongerThanTimeout_IsRefusedAndDeleted()
    {
        var user = await factory.CreateUserAsync();
        var browser = await SignInAsync(user, rememberMe: false);

        factory.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Settings/Profile")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var response = await browser.GetAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await SessionCountAsync(user.Id));
    }

    [Fact]
    public async Task Session_RememberMe_SurvivesIdleButNotTheAbsoluteLifetime()
    {
        var user = await factory.CreateUserAsync();
        var browser = await SignInAsync(user, rememberMe: true);

        factory.Clock.Advance(TimeSpan.FromHours(13));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Settings/Profile")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromDays(14));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task LastActivity_WrittenAtMostOncePerMinute()
    {
        var user = await factory.CreateUserAsync();
        var browser = await SignInAsync(user, rememberMe: false);
        var signedIn = await LastActivityAsync(user.Id);

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await browser.GetAsync("/Settings/Profile");
        var afterHalfMinute = await LastActivityAsync(user.Id);
        factory.Clock.Advance(TimeSpan.FromSeconds(45));
        await browser.GetAsync("/Settings/Profile");
        var afterMinuteAndQuarter = await LastActivityAsync(user.Id);

        Assert.Equal(signedIn, afterHalfMinute);
        Assert.True(afterMinuteAndQuarter > signedIn.AddSeconds(70), $"{afterMinuteAndQuarter:O} vs {signedIn:O}");
    }

    [Fact]
    public async Task Cleanup_DeletesOnlyExpiredSessions()
    {
        var user = await factory.CreateUserAsync();
        await SignInAsync(user, rememberMe: false);
        var kept = await factory.CreateUserAsync();
        var keptBrowser = await SignInAsync(kept, rememberMe: true);

        factory.Clock.Advance(TimeSpan.FromHours(13));
        await factory.Service<ExpiredSessionCleanup>().DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(0, await SessionCountAsync(user.Id));
        Assert.Equal(1, await SessionCountAsync(kept.Id));
        Assert.Equal(HttpStatusCode.OK, (await keptBrowser.GetAsync("/Settings/Profile")).StatusCode);
    }

    private async Task<HttpClient> SignInAsync(TestUser user, bool rememberMe)
    {
        var browser = factory.CreateBrowserClient();
        var response = await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Login"] = user.UserName,
            ["Input.Password"] = user.Password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
        });
        Assert.Equal("/Settings/Profile", response.Headers.Location?.ToString());
        return browser;
    }

    private Task<int> SessionCountAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync(s => s.UserId == userId));

    private Task<DateTime> LastActivityAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == userId).Select(s => s.LastActivityAt).SingleAsync());
}
