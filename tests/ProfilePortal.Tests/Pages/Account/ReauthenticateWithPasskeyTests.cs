using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>Re-authentication ("sudo mode") with a passkey instead of the password (SPEC 2.4).</summary>
public class ReauthenticateWithPasskeyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ReauthenticateUrl = "/Account/Reauthenticate?returnUrl=%2FSettings%2FPasskeys";
    private static readonly TimeSpan PastWindow = TimeSpan.FromMinutes(16);

    private async Task<HttpResponseMessage> ConfirmWithAsync(HttpClient client, SoftwarePasskey passkey, Guid userId)
    {
        var options = await (await client.PostForOptionsAsync(ReauthenticateUrl, "PasskeyOptions")).Content.ReadAsStringAsync();
        var page = await client.GetPageAsync(ReauthenticateUrl);
        return await client.PostWithTokenAsync(page, ReauthenticateUrl + "&handler=Passkey",
            new Dictionary<string, string> { ["PasskeyCredential"] = passkey.Assert(options, userId) });
    }

    private async Task<HttpResponseMessage> RenameAsync(HttpClient client, SoftwarePasskey passkey, string name)
    {
        var page = await client.GetPageAsync("/Settings/Passkeys");
        return await client.PostWithTokenAsync(page, "/Settings/Passkeys?handler=Rename", new Dictionary<string, string> { ["Rename.Id"] = passkey.Id, ["Rename.Name"] = name });
    }

    [Fact]
    public async Task Get_PersonWithoutPasskeys_OffersOnlyThePassword()
    {
        var user = await factory.CreateUserAsync();
        var page = await (await factory.SignedInClientAsync(user)).GetPageAsync(ReauthenticateUrl);

        Assert.Throws<InvalidOperationException>(() => page.FormWithHandler("Passkey"));
    }

    [Fact]
    public async Task PostPasskey_OwnPasskey_ConfirmsTheSessionAndTheActionGoesThrough()
    {
        var user = await factory.CreateUserAsync();
        using var passkey = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, passkey, "Laptop");
        var client = await factory.SignedInClientAsync(user);
        Assert.NotNull((await client.GetPageAsync(ReauthenticateUrl)).FormWithHandler("Passkey"));
        factory.Clock.Advance(PastWindow);
        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(client, passkey, "Desk")).StatusCode);

        var response = await ConfirmWithAsync(client, passkey, user.Id);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Settings/Passkeys", response.Headers.Location?.ToString());
        Assert.Equal("Identity confirmed with your passkey. You can now do what you started again.", (await client.FollowAsync(response)).StatusMessage);
        var renamed = await client.FollowAsync(await RenameAsync(client, passkey, "Desk"));
        Assert.Equal("The passkey has been renamed to Desk.", renamed.StatusMessage);
        Assert.Equal([$"{passkey.Id}|Desk|{factory.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss}"], await factory.PasskeysOfAsync(user.Id));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.Reauthenticated && e.Detail == "passkey");
    }

    [Fact]
    public async Task PostPasskey_AnotherPersonsPasskey_DoesNotConfirm()
    {
        var user = await factory.CreateUserAsync();
        using var own = new SoftwarePasskey();
        await factory.AddPasskeyAsync(user.Id, own, "Laptop");
        var other = await factory.CreateUserAsync();
        using var theirs = new SoftwarePasskey();
        await factory.AddPasskeyAsync(other.Id, theirs, "Theirs");
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(PastWindow);

        var page = await HtmlPage.ParseAsync(await ConfirmWithAsync(client, theirs, other.Id));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The passkey could not be verified. Try again, or enter your password.", page.FormError);
        Assert.Equal(HttpStatusCode.Redirect, (await RenameAsync(client, own, "Desk")).StatusCode);
        Assert.Equal([$"{own.Id}|Laptop|"], await factory.PasskeysOfAsync(user.Id));
    }
}
