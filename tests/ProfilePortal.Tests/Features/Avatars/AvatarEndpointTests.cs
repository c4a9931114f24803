using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;

namespace ProfilePortal.Tests.Features.Avatars;

/// <summary>SPEC 2.2 and 2.8a: avatars are visible inside the organization only, and to administrators; 404 for anyone else.</summary>
public class AvatarEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly byte[] Photo = TestImages.SolidPng(64, 64, (20, 120, 60));

    [Fact]
    public async Task GetAvatar_SameOrganization_IsServed()
    {
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var person = await PersonWithAvatarAsync(organization);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));

        var response = await colleague.GetAsync($"/avatars/{person.Id}/128?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal(31536000, response.Headers.CacheControl.MaxAge!.Value.TotalSeconds);
        // Who may see it depends on the signed-in person, whose session is in the cookie.
        Assert.Contains("Cookie", response.Headers.Vary);
    }

    [Fact]
    public async Task GetAvatar_DisabledOrPendingDeletion_404ForColleaguesServedToAdministrators()
    {
        // The People directory does not list them, so their avatar is not shown to colleagues either.
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var disabled = await PersonWithAvatarAsync(organization);
        var leaving = await PersonWithAvatarAsync(organization);
        await factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            (await db.Users.FindAsync(disabled.Id))!.DisabledAt = DateTime.UtcNow;
            (await db.Users.FindAsync(leaving.Id))!.DeletionRequestedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
        });
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        foreach (var person in new[] { disabled, leaving })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/avatars/{person.Id}/128?v=1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/avatars/{person.Id}/128?v=1")).StatusCode);
        }
    }

    [Fact]
    public async Task GetAvatar_OldVersion_IsRevalidatedNotKept()
    {
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var person = await PersonWithAvatarAsync(organization);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));

        var stale = await colleague.GetAsync($"/avatars/{person.Id}/128?v=0");

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.True(stale.Headers.CacheControl!.Private);
        Assert.True(stale.Headers.CacheControl.NoCache);
        Assert.Null(stale.Headers.CacheControl.MaxAge);
    }

    [Fact]
    public async Task GetAvatar_OtherOrganization_Is404LikeAMissingOne()
    {
        var person = await PersonWithAvatarAsync((await factory.CreateOrganizationAsync()).Id);
        var outsider = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = null));
        var otherOrganization = (await factory.CreateOrganizationAsync()).Id;
        var stranger = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = otherOrganization));

        foreach (var client in new[] { outsider, stranger })
        {
            var response = await client.GetAsync($"/avatars/{person.Id}/128?v=1");
            var missing = await client.GetAsync($"/avatars/{Guid.NewGuid()}/128?v=1");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(missing.StatusCode, response.StatusCode);
            Assert.NotEqual("image/webp", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task GetAvatar_BothWithoutOrganization_Is404()
    {
        // "No organization" is not an organization that its people share.
        var person = await PersonWithAvatarAsync(organization: null);
        var other = await factory.SignedInClientAsync(await factory.CreateUserAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/avatars/{person.Id}/512?v=1")).StatusCode);
    }

    [Fact]
    public async Task GetAvatar_Administrator_IsServedForAnyone()
    {
        var person = await PersonWithAvatarAsync((await factory.CreateOrganizationAsync()).Id);
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/avatars/{person.Id}/128?v=1")).StatusCode);
    }

    [Fact]
    public async Task GetAvatar_PermissionOtherThanUsersManage_Is404()
    {
        // Seeing anyone's avatar comes with users.manage only, not with any permission (here billing.view).
        var person = await PersonWithAvatarAsync((await factory.CreateOrganizationAsync()).Id);
        var billing = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.BillingAdmin));

        Assert.Equal(HttpStatusCode.NotFound, (await billing.GetAsync($"/avatars/{person.Id}/128?v=1")).StatusCode);
    }

    [Fact]
    public async Task GetAvatar_Own_IsServedWithoutOrganization()
    {
        var me = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(me);

        var initials = await client.GetAsync($"/avatars/{me.Id}/128");

        Assert.Equal(HttpStatusCode.OK, initials.StatusCode);
        Assert.Equal("image/svg+xml", initials.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetAvatar_Anonymous_Is404()
    {
        var person = await PersonWithAvatarAsync((await factory.CreateOrganizationAsync()).Id);

        var response = await factory.CreateBrowserClient().GetAsync($"/avatars/{person.Id}/128?v=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ProfileMenu_OwnAvatar_LinksAnImageThatLoads()
    {
        var me = await factory.CreateUserAsync(u => u.OrganizationId = null);
        var client = await factory.SignedInClientAsync(me);
        await client.UploadAsync("/Settings/Avatar", "Input.File", Photo, "me.png", "image/png");

        var page = await client.GetPageAsync("/Settings/Profile");
        var src = page.Document.QuerySelector("details.profile-menu summary img")!.GetAttribute("src")!;

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(src)).StatusCode);
    }

    private async Task<TestUser> PersonWithAvatarAsync(Guid? organization)
    {
        var person = await factory.CreateUserAsync(u => u.OrganizationId = organization);
        var client = await factory.SignedInClientAsync(person);
        var upload = await client.UploadAsync("/Settings/Avatar", "Input.File", Photo, "me.png", "image/png");
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        return person;
    }
}
