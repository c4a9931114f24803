using System.Globalization;
using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Settings.Tokens;

public class EditTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private string DaysAhead(int days) => factory.Clock.GetUtcNow().UtcDateTime.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Get_ActiveToken_ShowsItsDescriptionAndLastDay()
    {
        var user = await factory.CreateUserAsync();
        var expires = factory.Clock.GetUtcNow().UtcDateTime.Date.AddDays(10);
        var token = await factory.CreateTokenAsync(user, expiresAtUtc: expires, description: "Deploy bot");
        var client = await factory.SignedInClientAsync(user);

        var page = await client.GetPageAsync($"/Settings/Tokens/Edit/{token.Token.Id}");

        Assert.Equal("Deploy bot", page.Value("Input.Description"));
        // Expiry at midnight UTC means the token works through the day before.
        Assert.Equal(expires.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), page.Value("Input.ExpiresOn"));
    }

    [Fact]
    public async Task Post_NewDescriptionAndDate_ChangesThemAndKeepsTheValueWorking()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, TokenScopes.Read | TokenScopes.Write, description: "old name");
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync($"/Settings/Tokens/Edit/{token.Token.Id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "  Nightly export  ",
            ["Input.NeverExpires"] = "false",
            ["Input.ExpiresOn"] = DaysAhead(60),
        });

        var page = await client.FollowAsync(response);
        Assert.Equal("The token has been updated.", page.StatusMessage);
        var stored = (await factory.LoadTokenAsync(token.Token.Id))!;
        Assert.Equal("Nightly export", stored.Description);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.Date.AddDays(61), stored.ExpiresAt);
        Assert.Equal(TokenScopes.Read | TokenScopes.Write, stored.Scopes);
        Assert.Equal(HttpStatusCode.OK, (await factory.ApiClient(token.Value).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.TokenChanged && e.Detail!.EndsWith("Nightly export", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_DateInThePast_ShowsTheMessageAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user, description: "unchanged");
        var client = await factory.SignedInClientAsync(user);

        var response = await client.SubmitFormAsync($"/Settings/Tokens/Edit/{token.Token.Id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "changed",
            ["Input.NeverExpires"] = "false",
            ["Input.ExpiresOn"] = DaysAhead(-1),
        });

        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The expiry date must be in the future (tomorrow or later).", page.FieldError("Input.ExpiresOn"));
        Assert.Equal("changed", page.Value("Input.Description"));
        var stored = (await factory.LoadTokenAsync(token.Token.Id))!;
        Assert.Equal("unchanged", stored.Description);
        Assert.Null(stored.ExpiresAt);
    }

    [Fact]
    public async Task Get_RevokedToken_Returns404()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        await factory.InScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<ProfilePortal.Web.Features.Tokens.TokenService>(sp).RevokeAsync(user.Id, token.Token.Id, default));
        var client = await factory.SignedInClientAsync(user);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Settings/Tokens/Edit/{token.Token.Id}")).StatusCode);
    }
}
