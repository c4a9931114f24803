using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.Infrastructure;

/// <summary>
/// Chromium's virtual authenticator (DevTools protocol, WebAuthn domain) in one browser context: a platform
/// authenticator (ctap2, internal) that keeps discoverable credentials and verifies the person at once, so
/// navigator.credentials.create/get complete without a dialog. Its credentials live only in this context.
/// </summary>
public static class VirtualAuthenticator
{
    public static async Task<ICDPSession> AddVirtualAuthenticatorAsync(this BrowserSession session)
    {
        var cdp = await session.Context.NewCDPSessionAsync(session.Page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return cdp;
    }
}
