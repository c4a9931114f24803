using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Account;

/// <summary>Its own app: the test moves the clock, which would change what sibling tests see.</summary>
public class LockedSignInLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_LockedAccountHammered_LogsOneRefusalPerInterval()
    {
        // Locked by an administrator for a long time, so only the app's clock moves in this test.
        var user = await factory.CreateUserAsync(u => u.LockoutEnd = DateTimeOffset.UtcNow.AddDays(30));
        var attacker = factory.CreateBrowserClient();

        for (var i = 0; i < 8; i++)
        {
            var response = await attacker.SubmitFormAsync("/Account/Login", Credentials(user.UserName, i % 2 == 0 ? "wrong-" + i : user.Password));
            Assert.Equal("/Account/Lockout", response.Headers.Location!.ToString());
        }

        var afterBurst = await factory.SecurityLogOfAsync(user.Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        await attacker.SubmitFormAsync("/Account/Login", Credentials(user.UserName, "wrong-again"));
        var afterInterval = await factory.SecurityLogOfAsync(user.Id);

        Assert.Single(afterBurst, e => e.Type == SecurityEventType.SignInWhileLocked);
        Assert.Equal(2, afterInterval.Count(e => e.Type == SecurityEventType.SignInWhileLocked));
        Assert.DoesNotContain(afterInterval, e => e.Type is SecurityEventType.SignInFailed or SecurityEventType.SignInSucceeded);
    }

    private static Dictionary<string, string> Credentials(string login, string password)
        => new() { ["Input.Login"] = login, ["Input.Password"] = password };
}
