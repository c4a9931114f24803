using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Persistence;

/// <summary>
/// Issue 12: two app nodes on one database, as behind a load balancer. What a person does on one node (sign in, end a
/// session, upload an avatar, revoke a token) and what an administrator does there (disable someone) holds on the
/// other at its very next request: nothing that decides access or what a person sees may live in one node's memory.
/// Runs on SQLite and, in the PostgreSQL run, on one PostgreSQL database (the cluster's case).
/// </summary>
public class TwoNodeTests(TwoNodeTests.Nodes nodes) : IClassFixture<TwoNodeTests.Nodes>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    private static readonly byte[] Photo = TestImages.SolidPng(96, 64, (200, 90, 20));

    private PortalFactory A => nodes;
    private PortalFactory B => nodes.B;

    [Fact]
    public async Task SignInOnA_SameBrowserOnB_IsSignedInAndFormsPostToEitherNode()
    {
        var person = await A.CreateUserAsync();
        var onA = new CookieJarClient(A);
        await onA.Client.SignInAsync(person);
        var onB = onA.Via(B);

        var profile = await onB.Client.GetPageAsync("/Settings/Profile");

        Assert.Equal(HttpStatusCode.OK, profile.Status);
        Assert.Contains(person.Email, profile.Text("[data-testid='account-panel']"));
        // A form B rendered, posted to A: its antiforgery token, and the status message A leaves for B to show.
        var saved = await onA.Client.PostFormAsync(profile.Form("Input.FirstName"), new Dictionary<string, string> { ["Input.FirstName"] = "Grace" }, "/Settings/Profile");
        var after = await onB.Client.FollowAsync(saved);
        Assert.Equal("Your profile has been updated.", after.StatusMessage);
        Assert.Equal("Grace", after.Value("Input.FirstName"));
        Assert.Contains("Grace Lovelace", after.Text("details.profile-menu summary"));
        // One key ring in the database for both nodes: B used the key A made instead of making its own.
        Assert.Equal(1, await A.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task SessionEndedOnA_ItsNextRequestOnB_GoesToSignIn()
    {
        var person = await A.CreateUserAsync();
        var laptop = new CookieJarClient(A, Firefox);
        await laptop.Client.SignInAsync(person);
        var laptopOnB = laptop.Via(B);
        Assert.Equal(HttpStatusCode.OK, (await laptopOnB.Client.GetAsync("/Settings/Profile")).StatusCode);
        var phone = new CookieJarClient(A, Safari);
        await phone.Client.SignInAsync(person);

        var sessions = await phone.Client.GetPageAsync("/Settings/Sessions");
        var laptopRow = sessions.Document.QuerySelectorAll("[data-testid='sessions'] li").Single(r => r.TextContent.Contains("Firefox 128 on Linux", StringComparison.Ordinal));
        var ended = await phone.Client.PostFormAsync((IHtmlFormElement)laptopRow.QuerySelector("form")!, new Dictionary<string, string>(), "/Settings/Sessions");
        Assert.Equal("The session on Firefox 128 on Linux has ended.", (await phone.Client.FollowAsync(ended)).StatusMessage);

        var next = await laptopOnB.Client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.Via(B).Client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task AvatarUploadedOnA_BServesItAndShowsItsNewVersion()
    {
        var person = await A.CreateUserAsync();
        var browser = new CookieJarClient(A);
        await browser.Client.SignInAsync(person);
        // The person's other device, signed in on B before the upload.
        var phoneOnB = new CookieJarClient(B, Safari);
        await phoneOnB.Client.SignInAsync(person);
        Assert.Equal("image/svg+xml", (await phoneOnB.Client.GetAsync($"/avatars/{person.Id}/128")).Content.Headers.ContentType?.MediaType);

        var uploaded = await browser.Client.UploadAsync("/Settings/Avatar", "Input.File", Photo, "me.png", "image/png");
        var browserOnB = browser.Via(B);
        Assert.Equal("Your new avatar is set.", (await browserOnB.Client.FollowAsync(uploaded)).StatusMessage);

        foreach (var size in new[] { 512, 128 })
        {
            var url = $"/avatars/{person.Id}/{size}?v=1";
            var fromA = await browser.Client.GetAsync(url);
            var fromB = await browserOnB.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
            Assert.Equal("image/webp", fromB.Content.Headers.ContentType?.MediaType);
            var bytes = await fromB.Content.ReadAsByteArrayAsync();
            Assert.True(TestImages.IsWebP(bytes));
            Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), bytes);
            Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);
        }

        Assert.Equal($"/avatars/{person.Id}/128?v=1", await MenuAvatarAsync(browserOnB));
        Assert.Equal($"/avatars/{person.Id}/128?v=1", await MenuAvatarAsync(phoneOnB));
    }

    /// <summary>The image the profile menu at the top of the page shows: the avatar's versioned URL (null for initials).</summary>
    private static async Task<string?> MenuAvatarAsync(CookieJarClient browser)
        => (await browser.Client.GetPageAsync("/Settings/Profile")).Document.QuerySelector("details.profile-menu summary img")?.GetAttribute("src");

    [Fact]
    public async Task TokenRevokedOnA_IsRefusedByB()
    {
        var person = await A.CreateUserAsync();
        var token = await A.CreateTokenAsync(person, description: "CI job");
        var script = B.ApiClient(token.Value);
        var before = await script.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(person.Email, await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var browser = await A.SignedInClientAsync(person);

        var tokens = await browser.GetPageAsync("/Settings/Tokens");
        var revoke = (IHtmlFormElement)tokens.Document.QuerySelector($"[data-token-id='{token.Token.Id}'] form[action*='Revoke']")!;
        var revoked = await browser.FollowAsync(await browser.PostFormAsync(revoke, new Dictionary<string, string>(), "/Settings/Tokens"));
        Assert.StartsWith("The token CI job", revoked.StatusMessage, StringComparison.Ordinal);

        var after = await script.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonDisabledOnAByAnAdministrator_BRefusesTheirSessionAndTheirToken()
    {
        var admin = await A.CreateUserAsync(role: Roles.Administrator);
        var person = await A.CreateUserAsync();
        var theirBrowser = new CookieJarClient(B);
        await theirBrowser.Client.SignInAsync(person);
        var theirScript = B.ApiClient((await A.CreateTokenAsync(person)).Value);
        Assert.Equal(HttpStatusCode.OK, (await theirBrowser.Client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await theirScript.GetAsync("/api/v1/me")).StatusCode);
        var adminOnA = new CookieJarClient(A);
        await adminOnA.Client.SignInAsync(admin);
        // The administrator's password confirmation goes stale; they confirm it again on B, and A honours it.
        nodes.AdvanceClocks(TimeSpan.FromMinutes(16));
        var url = $"/Admin/Users/{person.Id}/Disable";

        var asked = await adminOnA.Client.PostFormAsync((await adminOnA.Client.GetPageAsync(url)).MainForm(), new Dictionary<string, string>(), url);
        Assert.StartsWith("/Account/Reauthenticate?returnUrl=", asked.Headers.Location?.ToString(), StringComparison.Ordinal);
        var adminOnB = adminOnA.Via(B);
        var confirmed = await adminOnB.Client.SubmitFormAsync(asked.Headers.Location!.ToString(), new Dictionary<string, string> { ["Input.Password"] = admin.Password });
        var confirm = await adminOnB.Client.FollowAsync(confirmed);
        Assert.Contains("Disable the account of Ada Lovelace?", confirm.Text("main"));
        var disabled = await adminOnA.Client.FollowAsync(await adminOnA.Client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), url));
        Assert.Equal("Ada Lovelace is disabled and signed out everywhere.", disabled.StatusMessage);

        var next = await theirBrowser.Client.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await theirScript.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>Node A, which owns the database, and node B, a second app instance on it; B stops before A drops the database.</summary>
    public sealed class Nodes : PortalFactory
    {
        private SecondNodeFactory? _b;

        public PortalFactory B => _b ??= new SecondNodeFactory(this);

        /// <summary>Real nodes share one wall clock: moving time moves it on both.</summary>
        public void AdvanceClocks(TimeSpan by)
        {
            Clock.Advance(by);
            B.Clock.Advance(by);
        }

        public override async ValueTask DisposeAsync()
        {
            if (_b is not null) await _b.DisposeAsync();
            await base.DisposeAsync();
        }
    }

}
