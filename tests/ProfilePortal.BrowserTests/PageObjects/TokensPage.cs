using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProfilePortal.BrowserTests.PageObjects;

/// <summary>
/// /Settings/Tokens: the new-token form (description, scopes, expiry), the token shown once with its Copy button,
/// the active and withdrawn lists with their per-token buttons, and "Invalidate all tokens" with its confirmation step.
/// </summary>
public sealed partial class TokensPage(IPage page)
{
    public const string Path = "/Settings/Tokens";

    /// <summary>Matches the page's address (no handler, no query) whatever host and port the test server got.</summary>
    public static Regex Url => UrlPattern();

    /// <summary>What a token looks like: "ppt_", 43 random characters and a 6-character checksum.</summary>
    public static Regex TokenValue => TokenValuePattern();

    public IPage Page => page;

    public ILocator Description => page.GetByLabel("Description (optional)");
    public ILocator ReadScope => page.GetByLabel("Read: see your profile and account");
    public ILocator WriteScope => page.GetByLabel("Write: change your profile");
    public ILocator ScopesError => page.Locator("#Input_Read_error");
    public ILocator ExpiresOnDate => page.GetByLabel("Expires at the end of a date");
    public ILocator ExpiresOn => page.GetByLabel("Last day the token works");
    public ILocator NeverExpires => page.GetByLabel("Never expires");
    public ILocator CreateButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Create token", Exact = true });

    public ILocator NewToken => page.GetByTestId("new-token");
    public ILocator NewTokenValue => NewToken.GetByRole(AriaRole.Textbox, new LocatorGetByRoleOptions { Name = "Your new token" });
    public ILocator CopyButton => NewToken.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Copy", Exact = true });
    /// <summary>The Copy button found by its markup, so also while it is hidden (as it stays without JavaScript).</summary>
    public ILocator CopyButtonElement => NewToken.Locator("button[data-copy-from]");
    public ILocator CopyStatus => NewToken.Locator("[data-copy-status]");

    public ILocator StatusMessage => page.GetByTestId("status-message");
    public ILocator ActiveTokens => page.GetByTestId("active-tokens").Locator("li");
    public ILocator NoActiveTokens => page.GetByTestId("no-active-tokens");
    public ILocator WithdrawnTokens => page.GetByTestId("withdrawn-tokens").Locator("li");

    public ILocator InvalidateAllLink => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Invalidate all tokens", Exact = true });
    public ILocator ConfirmInvalidateAllButton => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Yes, invalidate all tokens" });

    public static async Task<TokensPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new TokensPage(page);
    }

    /// <summary>The confirmation step of "Invalidate all tokens" as a link or a bookmark reaches it, without JavaScript.</summary>
    public static async Task<TokensPage> OpenConfirmInvalidateAllAsync(IPage page)
    {
        await page.GotoAsync($"{Path}?confirm=true");
        return new TokensPage(page);
    }

    /// <summary>The active token whose description is <paramref name="description"/>.</summary>
    public ILocator ActiveToken(string description) => ActiveTokens.Filter(new LocatorFilterOptions { HasText = description });

    /// <summary>The revoked or expired token whose description is <paramref name="description"/>.</summary>
    public ILocator WithdrawnToken(string description) => WithdrawnTokens.Filter(new LocatorFilterOptions { HasText = description });

    /// <summary>"Revoke", named after the token for screen readers: "Revoke Backup script (ppt_AbCd…)".</summary>
    public ILocator RevokeButton(string description)
        => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Revoke {description} (" });

    /// <summary>"Edit", named after the token like <see cref="RevokeButton"/>.</summary>
    public ILocator EditLink(string description)
        => page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = $"Edit {description} (" });

    /// <summary>
    /// Fills the new-token form and sends it: the scopes ticked as given (Read is ticked when the page opens), and
    /// either the last day the token works or "Never expires" (when <paramref name="expiresOn"/> is null).
    /// </summary>
    public async Task CreateAsync(string description, bool read = true, bool write = false, DateOnly? expiresOn = null)
    {
        await Description.FillAsync(description);
        await ReadScope.SetCheckedAsync(read);
        await WriteScope.SetCheckedAsync(write);
        if (expiresOn is { } day)
        {
            await ExpiresOnDate.CheckAsync();
            await ExpiresOn.FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            await NeverExpires.CheckAsync();
        }
        await CreateButton.ClickAsync();
    }

    /// <summary>The value of the token just created, once the page shows it.</summary>
    public async Task<string> ReadNewTokenAsync()
    {
        await Assertions.Expect(NewTokenValue).ToHaveValueAsync(TokenValue);
        return await NewTokenValue.InputValueAsync();
    }

    public Task CopyAsync() => CopyButton.ClickAsync();

    public Task RevokeAsync(string description) => RevokeButton(description).ClickAsync();

    /// <summary>Follows the "Invalidate all tokens" link to its confirmation step (nothing is revoked yet).</summary>
    public Task OpenInvalidateAllConfirmationAsync() => InvalidateAllLink.ClickAsync();

    [GeneratedRegex(@"/Settings/Tokens$")]
    private static partial Regex UrlPattern();

    [GeneratedRegex("^ppt_[0-9A-Za-z]{49}$")]
    private static partial Regex TokenValuePattern();
}
