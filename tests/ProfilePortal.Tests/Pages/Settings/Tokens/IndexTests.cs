using System.Net;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Tokens;

public class IndexTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Url = "/Settings/Tokens";

    private Dictionary<string, string> NewToken(string description = "Backup script", bool read = true, bool write = false, string? expiresOn = null, bool never = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Description"] = description,
            ["Input.NeverExpires"] = never ? "true" : "false",
            ["Input.ExpiresOn"] = expiresOn ?? DaysAhead(30),
        };
        // Unticked boxes send nothing but the hidden "false" the tag helper adds.
        fields["Input.Read"] = read ? "true" : "false";
        fields["Input.Write"] = write ? "true" : "false";
        return fields;
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, Dictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(Url);
        return await client.PostFormAsync(page.FormWithHandler("Create"), fields, Url);
    }

    [Fact]
    public async Task PostCreate_Valid_ShowsTheTokenOnceAndStoresOnlyItsHash()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var response = await CreateAsync(client, NewToken(write: true));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.FollowAsync(response);
        Assert.Equal("Your new token has been created. Copy it now: it will not be shown again.", page.StatusMessage);
        Assert.Contains("no-store", page.Response.Headers.CacheControl!.ToString());
        var value = page.Document.QuerySelector("#new-token-value")!.GetAttribute("value")!;
        Assert.Matches("^ppt_[0-9A-Za-z]{49}$", value);
        var row = Assert.Single(page.Document.QuerySelectorAll("[data-testid='active-tokens'] li"));
        Assert.Contains("Backup script", row.TextContent);
        Assert.Contains("Scopes: Read and write", row.TextContent);
        Assert.Contains(value[..8], row.TextContent);

        var reload = await client.GetPageAsync(Url);
        Assert.Null(reload.Document.QuerySelector("[data-testid='new-token']"));
        Assert.DoesNotContain(value, reload.Document.DocumentElement.OuterHtml);

        // The API accepts it, so what was shown is the real token.
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(value).GetAsync("/api/v1/me")).StatusCode);
        Assert.False(await factory.DatabaseContainsAsync(value), "the token value is stored somewhere in the database");
        Assert.False(await factory.DatabaseContainsAsync(value[8..]), "part of the token's secret is stored in the database");
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), r => r.Text().Contains(value[8..], StringComparison.Ordinal));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TokenCreated && e.Detail == $"{value[..8]} Backup script");
    }

    [Theory]
    [InlineData(false, false, "30", "Input.Read", "Choose at least one scope: Read or Write.")]
    [InlineData(true, false, "0", "Input.ExpiresOn", "The expiry date must be in the future (tomorrow or later).")]
    [InlineData(true, false, "-3", "Input.ExpiresOn", "The expiry date must be in the future (tomorrow or later).")]
    [InlineData(true, false, "366", "Input.ExpiresOn", "The expiry date can be at most 365 days ahead")]
    [InlineData(true, false, "", "Input.ExpiresOn", "Choose an expiry date, or choose that the token never expires.")]
    public async Task PostCreate_BadScopesOrExpiry_ShowsTheMessageUnderTheFieldAndCreatesNothing(bool read, bool write, string daysAhead, string field, string message)
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        var expiresOn = daysAhead == "" ? "" : DaysAhead(int.Parse(daysAhead, System.Globalization.CultureInfo.InvariantCulture));

        var response = await CreateAsync(client, NewToken(read: read, write: write, expiresOn: expiresOn));

        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.StartsWith(message, page.FieldError(field), StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[data-testid='new-token']"));
        Assert.Empty((await ListAsync(user)).Active);
    }

    [Fact]
    public async Task PostCreate_DescriptionOver100Characters_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await CreateAsync(client, NewToken(description: new string('x', 101))));

        Assert.Equal("Description must be at most 100 characters.", page.FieldError("Input.Description"));
        Assert.Empty((await ListAsync(user)).Active);
        var ok = await CreateAsync(client, NewToken(description: new string('x', 100)));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
    }

    [Fact]
    public async Task PostCreate_NeverExpires_CreatesATokenWithoutExpiry()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.FollowAsync(await CreateAsync(client, NewToken(never: true, expiresOn: "")));

        Assert.Contains("no expiry", page.Text("[data-testid='active-tokens']"));
        Assert.Null(Assert.Single((await ListAsync(user)).Active).ExpiresAt);
    }

    [Fact]
    public async Task PostCreate_51stActiveToken_IsRefusedWithAMessage()
    {
        var user = await factory.CreateUserAsync();
        for (var i = 0; i < 50; i++) await factory.CreateTokenAsync(user, description: $"token {i}");
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await CreateAsync(client, NewToken()));

        Assert.Equal("You already have 50 active tokens, the most allowed. Revoke one you no longer use, then create a new one.", page.FormError);
        Assert.Equal(50, (await ListAsync(user)).Active.Count);
    }

    [Fact]
    public async Task Create_ManyAtOnceNearTheLimit_StopsAtFifty()
    {
        var user = await factory.CreateUserAsync();
        for (var i = 0; i < 45; i++) await factory.CreateTokenAsync(user, description: $"token {i}");

        // Twelve creations at the same moment, each on its own thread and request scope (own connection), as tabs,
        // API clients or other nodes would send them.
        using var start = new Barrier(12);
        var created = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => factory.InScopeAsync(sp =>
        {
            var tokens = sp.GetRequiredService<ProfilePortal.Web.Features.Tokens.TokenService>();
            start.SignalAndWait();
            return tokens.CreateAsync(user.Id, $"racing {i}", TokenScopes.Read, null, default);
        }))));

        Assert.Equal(5, created.Count(c => c is not null));
        Assert.Equal(50, (await ListAsync(user)).Active.Count);
    }

    [Fact]
    public async Task PostRevoke_ActiveToken_MovesToWithdrawnAndTheApiRefusesIt()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, description: "CI job");
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync(Url);
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector($"[data-token-id='{token.Token.Id}'] form")!;

        var after = await client.FollowAsync(await client.PostFormAsync(form, new Dictionary<string, string>(), Url));

        Assert.Equal($"The token CI job ({token.Token.DisplayPrefix}…) has been revoked. Programs using it can no longer sign in.", after.StatusMessage);
        Assert.Null(after.Document.QuerySelector("[data-testid='active-tokens']"));
        Assert.Contains("revoked", after.Text($"[data-testid='withdrawn-tokens'] [data-token-id='{token.Token.Id}']"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TokenRevoked);
    }

    [Fact]
    public async Task PostRemove_WithdrawnToken_DisappearsAndActiveCannotBeRemoved()
    {
        var user = await factory.CreateUserAsync();
        var active = await factory.CreateTokenAsync(user, description: "keep");
        var old = await factory.CreateTokenAsync(user, description: "old");
        var client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync(Url);
        await client.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector($"[data-token-id='{old.Token.Id}'] form[action*='Revoke']")!, new Dictionary<string, string>(), Url);
        page = await client.GetPageAsync(Url);

        var removeActive = await client.PostWithTokenAsync(page, Url + "?handler=Remove", new Dictionary<string, string> { ["tokenId"] = active.Token.Id.ToString() });
        var after = await client.FollowAsync(await client.PostFormAsync(
            (AngleSharp.Html.Dom.IHtmlFormElement)page.Document.QuerySelector($"[data-testid='withdrawn-tokens'] [data-token-id='{old.Token.Id}'] form")!, new Dictionary<string, string>(), Url));

        Assert.Equal(HttpStatusCode.NotFound, removeActive.StatusCode);
        Assert.Equal("The withdrawn token has been removed from the list.", after.StatusMessage);
        Assert.Null(await factory.LoadTokenAsync(old.Token.Id));
        Assert.NotNull(await factory.LoadTokenAsync(active.Token.Id));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TokenRemoved);
    }

    [Fact]
    public async Task PostRevokeAll_AfterConfirmation_RevokesEveryActiveToken()
    {
        var user = await factory.CreateUserAsync();
        var tokens = new[] { await factory.CreateTokenAsync(user), await factory.CreateTokenAsync(user), await factory.CreateTokenAsync(user) };
        var client = await factory.SignedInClientAsync(user);

        var confirm = await client.GetPageAsync(Url + "?confirm=true");
        Assert.Contains("Invalidate all tokens?", confirm.Text("main"));
        var after = await client.FollowAsync(await client.PostFormAsync(confirm.FormWithHandler("RevokeAll"), new Dictionary<string, string>(), Url));

        Assert.Equal("3 tokens have been revoked.", after.StatusMessage);
        Assert.Equal(3, after.Document.QuerySelectorAll("[data-testid='withdrawn-tokens'] li").Length);
        foreach (var token in tokens)
            Assert.Equal(HttpStatusCode.Unauthorized, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.AllTokensRevoked && e.Detail == "3");
    }

    [Fact]
    public async Task Get_WithoutConfirm_ShowsOnlyTheLinkToTheConfirmationStep()
    {
        var user = await factory.CreateUserAsync();
        await factory.CreateTokenAsync(user);
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync(Url);

        Assert.Throws<InvalidOperationException>(() => page.FormWithHandler("RevokeAll"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/Settings/Tokens?confirm=true']"));
        Assert.NotNull(page.Document.QuerySelector("a[href='/docs/api']"));
    }

    [Fact]
    public async Task Post_AnotherPersonsTokenId_Returns404AndNothingChanges()
    {
        var owner = await factory.CreateUserAsync();
        var ownerToken = await factory.CreateTokenAsync(owner);
        var withdrawn = await factory.CreateTokenAsync(owner);
        await factory.InScopeAsync(sp => sp.GetRequiredService<ProfilePortal.Web.Features.Tokens.TokenService>().RevokeAsync(owner.Id, withdrawn.Token.Id, default));
        var attacker = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(attacker);
        var page = await client.GetPageAsync(Url);

        var revoke = await client.PostWithTokenAsync(page, Url + "?handler=Revoke", new Dictionary<string, string> { ["tokenId"] = ownerToken.Token.Id.ToString() });
        var remove = await client.PostWithTokenAsync(page, Url + "?handler=Remove", new Dictionary<string, string> { ["tokenId"] = withdrawn.Token.Id.ToString() });
        var editPage = await client.GetAsync($"/Settings/Tokens/Edit/{ownerToken.Token.Id}");
        var edit = await client.PostWithTokenAsync(page, $"/Settings/Tokens/Edit/{ownerToken.Token.Id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "hijacked",
            ["Input.NeverExpires"] = "true",
        });

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, editPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var stored = await factory.LoadTokenAsync(ownerToken.Token.Id);
        Assert.Null(stored!.RevokedAt);
        Assert.Equal("test token", stored.Description);
        Assert.NotNull(await factory.LoadTokenAsync(withdrawn.Token.Id));
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(ownerToken.Value).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var client = await factory.SignedInClientAsync(user);

        var response = await client.PostAsync(Url + "?handler=RevokeAll", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null((await factory.LoadTokenAsync(token.Token.Id))!.RevokedAt);
    }

    [Fact]
    public async Task Get_ExpiredToken_IsListedAsWithdrawnWithItsDate()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, expiresAtUtc: factory.Clock.GetUtcNow().UtcDateTime.AddDays(2));
        var client = await factory.SignedInClientAsync(user);
        Assert.NotNull((await client.GetPageAsync(Url)).Document.QuerySelector($"[data-testid='active-tokens'] [data-token-id='{token.Token.Id}']"));

        // Every test of this class reads dates from this clock, so moving it on leaves them valid.
        factory.Clock.Advance(TimeSpan.FromDays(3));
        client = await factory.SignedInClientAsync(user);
        var page = await client.GetPageAsync(Url);

        Assert.Contains("expired", page.Text($"[data-testid='withdrawn-tokens'] [data-token-id='{token.Token.Id}']"));
    }

    /// <summary>A date in the test users' time zone (UTC) as the date picker sends it.</summary>
    private string DaysAhead(int days) => factory.Clock.GetUtcNow().UtcDateTime.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<ProfilePortal.Web.Features.Tokens.TokenListing> ListAsync(TestUser user)
        => factory.InScopeAsync(sp => sp.GetRequiredService<ProfilePortal.Web.Features.Tokens.TokenService>().ListAsync(user.Id, default));
}
