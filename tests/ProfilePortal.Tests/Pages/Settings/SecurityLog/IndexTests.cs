using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.SecurityLog;

namespace ProfilePortal.Tests.Pages.Settings.SecurityLog;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/SecurityLog";
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    [Fact]
    public async Task Get_AfterFailedAndSuccessfulSignIn_ListsThemNewestFirstWithIpAndDevice()
    {
        var user = await factory.CreateUserAsync();
        var browser = new CookieJarClient(factory, Chrome);
        browser.Client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "198.51.100.23");
        await browser.Client.SignInAsync(user.UserName, "wrong-password");
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await browser.Client.SignInAsync(user);

        var page = await browser.Client.GetPageAsync(Url);

        var rows = page.Document.QuerySelectorAll("[data-testid='security-log'] tbody tr").ToList();
        Assert.Equal(["SignInSucceeded", "SignInFailed"], rows.Select(r => r.GetAttribute("data-event-type")));
        Assert.Contains("Failed sign-in: wrong password", rows[1].TextContent);
        Assert.Equal("198.51.100.23", rows[1].QuerySelectorAll("td")[3].TextContent.Trim());
        Assert.Contains("Chrome 131 on Windows", rows[1].TextContent);
        Assert.Contains("(UTC)", rows[0].TextContent);
    }

    [Fact]
    public async Task Get_EventsDoneForThePerson_SayWhetherAnAdministratorOrWhichProvisioning()
    {
        var user = await factory.CreateUserAsync();
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; }, ProfilePortal.Web.Data.Roles.Administrator);
        var name = "Okta " + Guid.NewGuid().ToString("N")[..6];
        var token = await factory.CreateProvisioningTokenAsync(name);
        await factory.RecordSecurityEventAsync(user.Id, SecurityEventType.EmailChangedByAdmin, "old@example.com → new@example.com", token.Token.Id);
        await factory.RecordSecurityEventAsync(user.Id, SecurityEventType.RoleChanged, "Member → Billing admin", admin.Id);
        var browser = await factory.SignedInClientAsync(user);

        var page = await browser.GetPageAsync(Url);

        var rows = page.Document.QuerySelectorAll("[data-testid='security-log'] tbody tr").ToList();
        string By(string type) => rows.Single(r => r.GetAttribute("data-event-type") == type).QuerySelector("[data-testid='actor']")!.TextContent.Trim();
        string Text(string type) => rows.Single(r => r.GetAttribute("data-event-type") == type).QuerySelector("td")!.TextContent.Trim();
        Assert.Equal($"Provisioning: {name}", By(nameof(SecurityEventType.EmailChangedByAdmin)));
        Assert.Equal("Email changed by provisioning (old@example.com → new@example.com)", Text(nameof(SecurityEventType.EmailChangedByAdmin)));
        // The person is not told which administrator: the same as the event's own text.
        Assert.Equal("An administrator", By(nameof(SecurityEventType.RoleChanged)));
        Assert.DoesNotContain("Root Admin", page.Text("main"));
        Assert.Equal("", By(nameof(SecurityEventType.SignInSucceeded)));
    }

    [Fact]
    public async Task BehindKnownProxy_RecordsTheForwardedClientAddress()
    {
        await using var proxied = new ProxiedFactory();
        var user = await proxied.CreateUserAsync();
        var client = proxied.CreateBrowserClient();
        client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, "10.0.0.5");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.44");

        await client.SignInAsync(user.UserName, "wrong-password");

        var ip = await proxied.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents.Where(e => e.UserId == user.Id).Select(e => e.IpAddress).SingleAsync());
        Assert.Equal("192.0.2.44", ip);
    }

    private sealed class ProxiedFactory : PortalFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5" };
    }

    [Fact]
    public async Task RecordedEvent_KeepsTheClientIp()
    {
        var user = await factory.CreateUserAsync();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
        context.Request.Headers.UserAgent = Chrome;

        await factory.InScopeAsync(async sp =>
        {
            sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = context;
            await sp.GetRequiredService<SecurityLogService>().RecordAsync(user.Id, SecurityEventType.SignInFailed);
        });

        var stored = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents.SingleAsync(e => e.UserId == user.Id));
        Assert.Equal("203.0.113.7", stored.IpAddress);
        Assert.Equal(Chrome, stored.UserAgent);
    }

    [Fact]
    public async Task Get_NeverShowsAnotherPersonsEvents()
    {
        var other = await factory.CreateUserAsync();
        await factory.CreateBrowserClient().SignInAsync(other.UserName, "wrong-password");
        var me = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(me);

        var page = await client.GetPageAsync(Url);

        var rows = page.Document.QuerySelectorAll("[data-testid='security-log'] tbody tr");
        Assert.Equal(["SignInSucceeded"], rows.Select(r => r.GetAttribute("data-event-type")));
    }

    [Fact]
    public async Task Get_ManyEvents_PagesTwentyAtATime()
    {
        var user = await factory.CreateUserAsync();
        for (var i = 0; i < 25; i++)
        {
            await factory.InScopeAsync(sp => sp.GetRequiredService<SecurityLogService>().RecordAsync(user.Id, SecurityEventType.SignInFailed));
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var client = await factory.SignedInClientAsync(user);
        var first = await client.GetPageAsync(Url);
        var second = await client.GetPageAsync(Url + "?pageNumber=2");

        Assert.Equal(20, first.Document.QuerySelectorAll("[data-testid='security-log'] tbody tr").Length);
        Assert.Equal(6, second.Document.QuerySelectorAll("[data-testid='security-log'] tbody tr").Length);
        Assert.Equal("SignInSucceeded", first.Document.QuerySelector("[data-testid='security-log'] tbody tr")!.GetAttribute("data-event-type"));
        Assert.Contains("Older events", first.Text("nav[aria-label='Security log pages']"));
        Assert.Contains("Newer events", second.Text("nav[aria-label='Security log pages']"));
    }

    [Fact]
    public async Task SecurityEvents_CannotBeRewritten()
    {
        var user = await factory.CreateUserAsync();
        await factory.InScopeAsync(sp => sp.GetRequiredService<SecurityLogService>().RecordAsync(user.Id, SecurityEventType.SignInFailed));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var e = await db.SecurityEvents.SingleAsync(x => x.UserId == user.Id);
            db.SecurityEvents.Remove(e);
            await db.SaveChangesAsync();
        }));

        Assert.Equal("Security events are append-only.", error.Message);
    }

    [Fact]
    public async Task Lockout_IsRecorded()
    {
        var user = await factory.CreateUserAsync();
        var client = factory.CreateBrowserClient();
        for (var i = 0; i < 6; i++) await client.SignInAsync(user.UserName, "wrong-" + i);

        var types = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().SecurityEvents
            .Where(e => e.UserId == user.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync());

        Assert.Equal(
            [.. Enumerable.Repeat(SecurityEventType.SignInFailed, 5), SecurityEventType.AccountLockedOut, SecurityEventType.SignInWhileLocked],
            types);
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateBrowserClient().GetAsync("/Account/Login")).StatusCode);
    }
}
