using System.Collections.Concurrent;
using Microsoft.Playwright;
using ProfilePortal.BrowserTests.PageObjects;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.BrowserTests.Infrastructure;

/// <summary>
/// One app server and one headless Chromium per test class (IClassFixture). Each test opens its own browser
/// context, so cookies never leak between tests; a user signs in through the form once and later contexts reuse
/// the saved storage state.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Guid, Task<string>> _storageStates = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture() : this(new KestrelPortal())
    {
    }

    /// <summary>For a test class whose server needs settings of its own (a <see cref="KestrelPortal"/> subclass).</summary>
    protected BrowserFixture(KestrelPortal portal) => Portal = portal;

    public KestrelPortal Portal { get; }

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Portal.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    public Task<TestUser> CreateUserAsync(Action<AppUser>? customize = null) => Portal.CreateUserAsync(customize);

    /// <summary>A fresh, signed-out browser tab.</summary>
    public async Task<BrowserSession> AnonymousAsync() => await OpenAsync(storageState: null);

    /// <summary>
    /// A fresh, signed-out tab on http://localhost:PORT instead of 127.0.0.1 (the server still listens on 127.0.0.1):
    /// WebAuthn refuses an IP address as the relying party id, so passkey tests browse here.
    /// </summary>
    public async Task<BrowserSession> AnonymousOnLocalhostAsync()
        => await OpenAsync(storageState: null, baseAddress: new UriBuilder(Portal.BaseAddress) { Host = "localhost" }.Uri);

    /// <summary>A browser tab signed in as <paramref name="user"/>; only the first call per user goes through the sign-in form.</summary>
    public async Task<BrowserSession> SignedInAsync(TestUser user)
    {
        var state = await _storageStates.GetOrAdd(user.Id, _ => SignInThroughFormAsync(user));
        return await OpenAsync(state);
    }

    /// <summary>
    /// A browser tab signed in as <paramref name="user"/> with JavaScript turned off, to check that a page works with
    /// server-rendered HTML alone (site.js is only progressive enhancement).
    /// </summary>
    public async Task<BrowserSession> SignedInWithoutJavaScriptAsync(TestUser user)
    {
        var state = await _storageStates.GetOrAdd(user.Id, _ => SignInThroughFormAsync(user));
        return await OpenAsync(state, javaScriptEnabled: false);
    }

    /// <summary>
    /// The same person on another device: a tab that signs in through the form itself, so it holds a server-side
    /// session of its own (tabs from <see cref="SignedInAsync"/> share the saved one).
    /// </summary>
    public async Task<BrowserSession> SignedInOnAnotherDeviceAsync(TestUser user)
    {
        var session = await AnonymousAsync();
        var login = await LoginPage.OpenAsync(session.Page);
        await login.SignInAsync(user.UserName, user.Password);
        await Assertions.Expect(session.Page).ToHaveURLAsync(ProfilePage.Url);
        return session;
    }

    private async Task<string> SignInThroughFormAsync(TestUser user)
    {
        await using var session = await SignedInOnAnotherDeviceAsync(user);
        return await session.Context.StorageStateAsync();
    }

    private async Task<BrowserSession> OpenAsync(string? storageState, bool javaScriptEnabled = true, Uri? baseAddress = null)
    {
        var context = await Browser.NewContextAsync(Chromium.ContextOptions(baseAddress ?? Portal.BaseAddress, storageState, javaScriptEnabled));
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }
}

/// <summary>A browser context with one tab; disposing it closes both.</summary>
public sealed record BrowserSession(IBrowserContext Context, IPage Page) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
