using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Organizations;

/// <summary>An organization's logo follows the avatars' rule: its own people and administrators see it, anyone else gets 404.</summary>
public class OrganizationLogoEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task GetLogo_PersonOfTheOrganization_IsServedPrivately()
    {
        var organization = await OrganizationWithLogoAsync();
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));

        var response = await member.GetAsync($"/organizations/{organization}/logo?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.Private && !response.Headers.CacheControl.Public);
    }

    [Fact]
    public async Task GetLogo_ProfileAccountPanel_ShowsALogoThatLoads()
    {
        var organization = await OrganizationWithLogoAsync();
        var member = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));

        var page = await member.GetPageAsync("/Settings/Profile");
        var src = page.Document.QuerySelector($"img[src^='/organizations/{organization}/logo']")?.GetAttribute("src");

        Assert.NotNull(src);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(src)).StatusCode);
    }

    [Fact]
    public async Task GetLogo_OtherOrganizationOrNone_Is404()
    {
        var organization = await OrganizationWithLogoAsync();
        var other = await OrganizationWithLogoAsync();
        var stranger = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = other));
        var withoutOrganization = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/organizations/{organization}/logo?v=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await withoutOrganization.GetAsync($"/organizations/{organization}/logo?v=1")).StatusCode);
    }

    [Fact]
    public async Task GetLogo_Administrator_IsServed()
    {
        var organization = await OrganizationWithLogoAsync();
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/organizations/{organization}/logo?v=1")).StatusCode);
    }

    [Fact]
    public async Task GetLogo_Anonymous_Is404()
    {
        var organization = await OrganizationWithLogoAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserClient().GetAsync($"/organizations/{organization}/logo?v=1")).StatusCode);
    }

    private Task<Guid> OrganizationWithLogoAsync() => factory.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var organization = new Organization
        {
            Id = Guid.NewGuid(),
            Name = "Org " + Guid.NewGuid().ToString("N")[..8],
            CreatedAt = DateTime.UtcNow,
            Logo = TestImages.SolidPng(16, 16, (200, 40, 40)),
            LogoContentType = "image/png",
            LogoVersion = 1,
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    });
}
