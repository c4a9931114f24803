using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Tests.Pages.Account;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Tokens;

namespace ProfilePortal.Tests.Features.Notifications;

/// <summary>
/// Security alerts (SPEC 2.8), each produced through the page a person uses: exactly one notification of the right kind,
/// emailed at once, written in the security event's transaction, in the person's language and time zone.
/// </summary>
public class SecurityAlertsTests(SecurityAlertsTests.Node node) : IClassFixture<SecurityAlertsTests.Node>
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    private const string NewPassword = "Fresh$Start42";

    private Task<List<SecurityEvent>> EventsAsync(Guid userId) => node.SecurityLogOfAsync(userId);

    private async Task<List<Notification>> AlertsAsync(Guid userId) => (await node.NotificationsOfAsync(userId)).Where(n => n.IsSecurityAlert).ToList();

    /// <summary>The person's only alert, of <paramref name="kind"/>, with one email going out at once to <paramref name="to"/>.</summary>
    private async Task<Notification> AssertOneAlertAsync(Guid userId, NotificationKind kind, string to)
    {
        var alert = Assert.Single(await AlertsAsync(userId));
        Assert.Equal(kind, alert.Kind);
        var email = Assert.Single(alert.Deliveries);
        Assert.Equal((NotificationChannelKind.Email, to, NotificationDeliveryStatus.Pending, false), (email.Channel, email.Destination, email.Status, email.IsDigest));
        Assert.Equal(alert.CreatedAt, email.DueAt);
        return alert;
    }

    private static CookieJarClient Browser(PortalFactory factory, string userAgent, string ip)
    {
        var browser = new CookieJarClient(factory, userAgent);
        browser.Client.DefaultRequestHeaders.Add(ClientAddressStartupFilter.Header, ip);
        return browser;
    }

    private async Task SignInFromAsync(TestUser person, string userAgent, string ip) => await Browser(node, userAgent, ip).Client.SignInAsync(person);

    [Fact]
    public async Task SignIn_FirstEverAndSameBrowserAndNetwork_NoAlert()
    {
        var person = await node.CreateUserAsync();

        await SignInFromAsync(person, Firefox, "203.0.113.10");
        await SignInFromAsync(person, Firefox, "203.0.113.10");
        // Same /24, another host: the same network.
        await SignInFromAsync(person, Firefox, "203.0.113.77");

        Assert.Empty(await AlertsAsync(person.Id));
        Assert.Equal(3, (await EventsAsync(person.Id)).Count(e => e.Type == SecurityEventType.SignInSucceeded));
    }

    [Fact]
    public async Task SignIn_OtherBrowserFamily_OneAlertSaysFromWhere()
    {
        var person = await node.CreateUserAsync();
        await SignInFromAsync(person, Firefox, "203.0.113.10");

        await SignInFromAsync(person, Chrome, "203.0.113.10");
        await SignInFromAsync(person, Chrome, "203.0.113.10");

        var alert = await AssertOneAlertAsync(person.Id, NotificationKind.NewDeviceSignIn, person.Email);
        Assert.Equal("New sign-in to your account", alert.Subject);
        Assert.Contains("203.0.113.10", alert.Body, StringComparison.Ordinal);
        Assert.Contains("Chrome", alert.Body, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/Settings/Security", alert.ActionUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OtherIpv4Network_OneAlert()
    {
        var person = await node.CreateUserAsync();
        await SignInFromAsync(person, Firefox, "203.0.113.10");

        await SignInFromAsync(person, Firefox, "198.51.100.10");
        await SignInFromAsync(person, Firefox, "198.51.100.11");

        Assert.Contains("198.51.100.10", (await AssertOneAlertAsync(person.Id, NotificationKind.NewDeviceSignIn, person.Email)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Ipv6_SameSlash48IsKnownOtherSlash48Alerts()
    {
        var person = await node.CreateUserAsync();
        await SignInFromAsync(person, Firefox, "2001:db8:1:1::5");

        await SignInFromAsync(person, Firefox, "2001:db8:1:ff::9");
        Assert.Empty(await AlertsAsync(person.Id));
        await SignInFromAsync(person, Firefox, "2001:db8:2::5");

        Assert.Contains("2001:db8:2::5", (await AssertOneAlertAsync(person.Id, NotificationKind.NewDeviceSignIn, person.Email)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChanged_OneAlertInThePersonsLanguageAndTimeZone()
    {
        var person = await node.CreateUserAsync(u =>
        {
            u.PreferredLanguage = "de";
            u.TimeZoneId = "Europe/Berlin";
        });
        var client = await node.SignedInClientAsync(person);

        await client.SubmitFormAsync("/Settings/Security", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = person.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        var alert = await AssertOneAlertAsync(person.Id, NotificationKind.PasswordChanged, person.Email);
        var changed = Assert.Single(await EventsAsync(person.Id), e => e.Type == SecurityEventType.PasswordChanged);
        var berlin = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(changed.OccurredAt, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        // German date ("Montag, 30. November 2026 23:27"), Berlin's local time, and the zone's name.
        Assert.Contains(berlin.ToString("f", CultureInfo.GetCultureInfo("de")) + " (Europe/Berlin)", alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(berlin.ToString("f", CultureInfo.GetCultureInfo("en")), alert.Body, StringComparison.Ordinal);
        Assert.StartsWith("http://localhost/Settings/Security", alert.ActionUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_OneAlert()
    {
        var person = await node.CreateUserAsync();

        await ForgotPasswordTests.ResetThroughEmailAsync(node, person, NewPassword);

        Assert.Equal("Your password was reset", (await AssertOneAlertAsync(person.Id, NotificationKind.PasswordReset, person.Email)).Subject);
    }

    [Fact]
    public async Task UsernameChanged_OneAlert()
    {
        var person = await node.CreateUserAsync();
        var client = await node.SignedInClientAsync(person);

        await client.SubmitFormAsync("/Settings/Username", new Dictionary<string, string>
        {
            ["Input.NewUserName"] = "ada." + Guid.NewGuid().ToString("N")[..8],
            ["Input.CurrentPassword"] = person.Password,
        });

        await AssertOneAlertAsync(person.Id, NotificationKind.UsernameChanged, person.Email);
    }

    [Fact]
    public async Task EmailChangedByAnAdministrator_OneAlertToTheOldAndTheNewAddress()
    {
        var admin = await node.CreateUserAsync(role: Roles.Administrator);
        var person = await node.CreateUserAsync();
        var client = await node.SignedInClientAsync(admin);
        var newEmail = $"new.{Guid.NewGuid():N}@example.test";

        await client.SubmitFormAsync($"/Admin/Users/{person.Id}/Email", new Dictionary<string, string> { ["Input.Email"] = newEmail, ["Input.MarkVerified"] = "true" });

        var alert = Assert.Single(await AlertsAsync(person.Id));
        Assert.Equal(NotificationKind.EmailChangedByAdmin, alert.Kind);
        Assert.Equal(new[] { newEmail, person.Email }.Order(StringComparer.Ordinal), alert.Deliveries.Select(d => d.Destination!).Order(StringComparer.Ordinal));
        Assert.All(alert.Deliveries, d => Assert.Equal((NotificationChannelKind.Email, NotificationDeliveryStatus.Pending), (d.Channel, d.Status)));
        Assert.Empty(await AlertsAsync(admin.Id));
    }

    [Fact]
    public async Task EmailChangedByProvisioning_TheAlertSaysProvisioningNotAnAdministrator()
    {
        var person = await node.CreateUserAsync();
        var token = await node.CreateProvisioningTokenAsync();

        // As SCIM records an email change: the administrators' event, with the provisioning token as actor.
        await node.RecordSecurityEventAsync(person.Id, SecurityEventType.EmailChangedByAdmin, "old@example.test → new@example.test", token.Token.Id);

        var alert = Assert.Single(await AlertsAsync(person.Id));
        Assert.Equal(NotificationKind.EmailChangedByAdmin, alert.Kind);
        Assert.StartsWith("Email changed by provisioning (old@example.test → new@example.test)", alert.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("administrator", alert.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoFactorTurnedOnThenOff_OneAlertEach()
    {
        var person = await node.CreateUserAsync();
        var client = await node.SignedInClientAsync(person);

        var enabled = await client.EnableTwoFactorAsync(node);
        await AssertOneAlertAsync(person.Id, NotificationKind.TwoFactorChanged, person.Email);

        node.Clock.Advance(TimeSpan.FromSeconds(30));
        var page = await client.GetPageAsync(TwoFactorJourney.SetupUrl);
        await client.PostFormAsync(page.FormWithHandler("TurnOff"), new Dictionary<string, string> { ["TurnOff.Code"] = node.CodeAt(enabled.Key), ["TurnOff.Password"] = "" }, TwoFactorJourney.SetupUrl);

        Assert.Contains(await EventsAsync(person.Id), e => e.Type == SecurityEventType.TwoFactorDisabled);
        Assert.Equal([NotificationKind.TwoFactorChanged, NotificationKind.TwoFactorChanged], (await AlertsAsync(person.Id)).Select(a => a.Kind));
    }

    [Fact]
    public async Task PasskeyRemoved_OneAlert()
    {
        var person = await node.CreateUserAsync();
        using var passkey = new SoftwarePasskey();
        await node.AddPasskeyAsync(person.Id, passkey, "Laptop");
        var client = await node.SignedInClientAsync(person);

        var page = await client.GetPageAsync("/Settings/Passkeys");
        await client.PostWithTokenAsync(page, "/Settings/Passkeys?handler=Remove", new Dictionary<string, string> { ["id"] = passkey.Id });

        Assert.Contains(await EventsAsync(person.Id), e => e.Type == SecurityEventType.PasskeyRemoved);
        await AssertOneAlertAsync(person.Id, NotificationKind.PasskeysChanged, person.Email);
    }

    [Fact]
    public async Task TokenCreatedOnTheTokensPage_OneAlert()
    {
        var person = await node.CreateUserAsync();
        var client = await node.SignedInClientAsync(person);

        var page = await client.GetPageAsync("/Settings/Tokens");
        await client.PostFormAsync(page.FormWithHandler("Create"), new Dictionary<string, string>
        {
            ["Input.Description"] = "Nightly export",
            ["Input.NeverExpires"] = "true",
            ["Input.Read"] = "true",
            ["Input.Write"] = "false",
        }, "/Settings/Tokens");

        var alert = await AssertOneAlertAsync(person.Id, NotificationKind.TokenCreated, person.Email);
        Assert.Equal("http://localhost/Settings/Tokens", alert.ActionUrl);
    }

    /// <summary>Event and alert commit together: when the alert cannot be saved, the event is not written either.</summary>
    [Fact]
    public async Task AlertCannotBeSaved_TheEventIsNotWrittenEither()
    {
        var person = await node.CreateUserAsync();
        node.AlertSaveFails.Add(person.Id);

        await Assert.ThrowsAnyAsync<Exception>(() => node.InScopeAsync(sp => sp.GetRequiredService<TokenService>().CreateAsync(person.Id, "x", TokenScopes.Read, null, CancellationToken.None)));

        Assert.DoesNotContain(await EventsAsync(person.Id), e => e.Type == SecurityEventType.TokenCreated);
        Assert.Empty(await node.NotificationsOfAsync(person.Id));
    }

    /// <summary>The notification node, with a switch that makes saving a person's alert fail.</summary>
    public sealed class Node : NotificationTestNode
    {
        public HashSet<Guid> AlertSaveFails { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(new FailingAlertSave(AlertSaveFails)));
        }

        private sealed class FailingAlertSave(HashSet<Guid> users) : SaveChangesInterceptor
        {
            public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
            {
                if (eventData.Context!.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added && users.Contains(e.Entity.UserId)))
                    throw new InvalidOperationException("The alert could not be saved.");
                return ValueTask.FromResult(result);
            }
        }
    }
}
