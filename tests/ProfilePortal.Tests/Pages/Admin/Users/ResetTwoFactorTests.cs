using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class ResetTwoFactorTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_AfterConfirmation_TwoFactorOffSecretsGoneAndAudited()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        await (await factory.SignedInClientAsync(person)).EnableTwoFactorAsync(factory);
        var client = await factory.SignedInClientAsync(admin);

        var details = await client.GetPageAsync($"/Admin/Users/{person.Id}");
        Assert.Equal("On", details.Text("[data-testid='person-two-factor']"));
        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/ResetTwoFactor");
        Assert.Contains("Reset the two-factor authentication of Ada Lovelace?", confirm.Text("main"));
        var page = await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/ResetTwoFactor"));

        Assert.Equal("Two-factor authentication of Ada Lovelace has been reset. They sign in with their password only until they set it up again.", page.StatusMessage);
        Assert.Equal("Off", page.Text("[data-testid='person-two-factor']"));
        var stored = await factory.LoadUserAsync(person.Id);
        Assert.False(stored.TwoFactorEnabled);
        Assert.Null(stored.LastAuthenticatorTimeStep);
        Assert.Equal(0, await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserTokens.CountAsync(t => t.UserId == person.Id)));
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.TwoFactorReset, SecurityEventType.TwoFactorResetByAdmin);
        Assert.Equal("/Settings/Profile", (await factory.CreateBrowserClient().PasswordStepAsync(person)).Headers.Location?.ToString());
    }

    [Fact]
    public async Task Post_ConfirmationOlderThanWindow_AsksForReauthenticationAndResetsNothing()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        await (await factory.SignedInClientAsync(person)).EnableTwoFactorAsync(factory);
        var client = await factory.SignedInClientAsync(admin);
        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/ResetTwoFactor");
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/ResetTwoFactor");

        Assert.StartsWith("/Account/Reauthenticate", response.Headers.Location?.ToString());
        Assert.True((await factory.LoadUserAsync(person.Id)).TwoFactorEnabled);
    }

    [Fact]
    public async Task Get_Member_SentToAccessDenied()
    {
        var person = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        var response = await client.GetAsync($"/Admin/Users/{person.Id}/ResetTwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }
}
