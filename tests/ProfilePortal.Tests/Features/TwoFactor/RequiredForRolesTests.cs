using System.Net;
using ProfilePortal.Tests.Infrastructure;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.TwoFactor;

public sealed class RequiredForAdministratorsFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["TwoFactor:RequiredForRoles:0"] = Roles.Administrator };
}

/// <summary>TwoFactor:RequiredForRoles: people in those roles are sent to set up two-factor before anything else.</summary>
public class RequiredForRolesTests(RequiredForAdministratorsFactory factory) : IClassFixture<RequiredForAdministratorsFactory>
{
    [Fact]
    public async Task Get_AdministratorWithoutTwoFactor_SentToSetupWithReason()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);

        foreach (var url in new[] { "/Settings/Profile", "/Admin/Users", "/Settings/Security" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Settings/TwoFactor", response.Headers.Location?.ToString());
        }

        var page = await client.GetPageAsync("/Settings/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Your role requires two-factor authentication. Set it up (or add a passkey) to continue.", page.StatusMessage);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Reauthenticate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Logout")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/avatars/{admin.Id}/128")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);
    }

    [Fact]
    public async Task Get_AdministratorAfterSetup_GoesAnywhere()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);

        await client.EnableTwoFactorAsync(factory);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task Get_MemberWithoutTwoFactor_NotRedirected()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task ApiRequest_AdministratorWithoutTwoFactor_NotRedirected()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var client = await factory.SignedInClientAsync(admin);

        var response = await client.GetAsync("/api/v1/me");

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotEqual("/Settings/TwoFactor", response.Headers.Location?.ToString());
    }
}
