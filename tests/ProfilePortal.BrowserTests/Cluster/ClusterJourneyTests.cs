using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.Infrastructure;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.BrowserTests.Pages.Settings.Avatar;
using static Microsoft.Playwright.Assertions;

namespace ProfilePortal.BrowserTests.Cluster;

/// <summary>
/// The main journey through the local cluster's front door (scripts/cluster.sh): nginx round-robin over two nodes on
/// one PostgreSQL. Every request goes to nginx and consecutive ones land on different nodes, so each step also shows
/// that what one node wrote (key ring, session, profile, avatar) is what the other reads.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterJourneyTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task SignInEditProfileUploadAvatarEndSession_ThroughNginx_EveryStepWorksAndBothNodesServe()
    {
        var logPosition = cluster.AccessLogPosition();
        var requested = new ConcurrentQueue<string>();
        await using var otherDevice = await cluster.NewSessionAsync();
        otherDevice.Context.Request += (_, request) => requested.Enqueue(request.Url);
        await SignInAsAdministratorAsync(otherDevice.Page);
        await using var session = await cluster.NewSessionAsync();
        session.Context.Request += (_, request) => requested.Enqueue(request.Url);
        await SignInAsAdministratorAsync(session.Page);

        var profile = new ProfilePage(session.Page);
        await profile.Title.FillAsync("Keeper of two nodes");
        await profile.UpdateAsync();
        await Expect(profile.StatusMessage).ToHaveTextAsync("Your profile has been updated.");
        await session.Page.ReloadAsync();
        await Expect(profile.Title).ToHaveValueAsync("Keeper of two nodes");

        var avatar = await AvatarPage.OpenAsync(session.Page);
        await avatar.UploadAsync("photo.png", "image/png", AvatarJourneyTests.RedBluePng);
        await Expect(avatar.StatusMessage).ToHaveTextAsync("Your new avatar is set.");
        Assert.Equal(128, await avatar.MenuAvatarNaturalWidthAsync());

        var sessions = await SessionsPage.OpenAsync(session.Page);
        await Expect(sessions.Sessions).ToHaveCountAsync(2);
        await sessions.EndSessionButtons.ClickAsync();
        await Expect(sessions.StatusMessage).ToHaveTextAsync(new Regex(@"^The session on .+ has ended\.$"));
        await Expect(sessions.Sessions).ToHaveCountAsync(1);
        await Expect(sessions.CurrentSessionBadge).ToHaveTextAsync("This device");
        await ProfilePage.OpenAsync(otherDevice.Page);
        await Expect(otherDevice.Page).ToHaveURLAsync(LoginPage.Url);

        // Every network request went to nginx (blob: and data: URLs, such as the crop preview, stay in the page).
        Assert.All(requested.Where(url => !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)),
            url => Assert.StartsWith(cluster.BaseAddress.ToString(), url, StringComparison.Ordinal));
        Assert.Equal(cluster.NodeAddresses.Order(), (await cluster.NodesServedSince(logPosition)).Order());
    }

    private static async Task SignInAsAdministratorAsync(IPage page)
    {
        var login = await LoginPage.OpenAsync(page);
        await login.SignInAsync(ClusterFixture.AdminEmail, ClusterFixture.AdminPassword);
        await Expect(page).ToHaveURLAsync(ProfilePage.Url);
    }
}
