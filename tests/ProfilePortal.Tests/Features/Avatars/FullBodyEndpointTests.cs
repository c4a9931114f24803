using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Features.Avatars;

/// <summary>SPEC 2.8b: GET /avatars/{id}/full, the character's full-body image, with the visibility and caching of the square avatar; and the People card showing it.</summary>
public class FullBodyEndpointTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task GetFullBody_Own_IsAVersionedPrivateWebPWithEtagAndSandbox()
    {
        var me = await factory.CreateUserAsync(u => u.OrganizationId = null);
        var client = await factory.SignedInClientAsync(me);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetCharacterAsync()).StatusCode);

        var response = await client.GetAsync($"/avatars/{me.Id}/full?v=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((await factory.StoredAvatarAsync(me.Id)).Avatar!.FullBody, body);
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.Private && !cache.Public);
        Assert.Equal(TimeSpan.FromDays(365), cache.MaxAge);
        Assert.Contains(cache.Extensions, e => e.Name == "immutable");
        Assert.Contains("Cookie", response.Headers.Vary);
        Assert.Contains("sandbox", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var again = new HttpRequestMessage(HttpMethod.Get, $"/avatars/{me.Id}/full?v=1");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        // Another variant of the same version has another ETag.
        Assert.NotEqual(response.Headers.ETag, (await client.GetAsync($"/avatars/{me.Id}/512?v=1")).Headers.ETag);

        var stale = (await client.GetAsync($"/avatars/{me.Id}/full?v=0")).Headers.CacheControl!;
        Assert.True(stale.Private && stale.NoCache);
        Assert.Null(stale.MaxAge);
    }

    [Fact]
    public async Task GetFullBody_Visibility_ColleagueAndAdministratorYesOthersAnd404()
    {
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var person = await PersonWithCharacterAsync(organization);
        var url = $"/avatars/{person.Id}/full?v=1";
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));
        var admin = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var stranger = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = null));
        var otherOrganization = (await factory.CreateOrganizationAsync()).Id;
        var outsider = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = otherOrganization));

        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        foreach (var client in new[] { stranger, outsider, factory.CreateBrowserClient() })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.NotEqual("image/webp", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task GetFullBody_PhotoOrInitials_Is404EvenForThemself()
    {
        var photo = await factory.CreateUserAsync();
        var photoClient = await factory.SignedInClientAsync(photo);
        await photoClient.UploadAsync("/Settings/Avatar", "Input.File", TestImages.SolidPng(64, 64, (1, 2, 3)), "me.png", "image/png");
        var initials = await factory.CreateUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await photoClient.GetAsync($"/avatars/{photo.Id}/full?v=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.SignedInClientAsync(initials)).GetAsync($"/avatars/{initials.Id}/full")).StatusCode);
    }

    [Fact]
    public async Task PeopleCard_CharacterAvatar_ShowsTheFullBodyAsSecondImage()
    {
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var person = await PersonWithCharacterAsync(organization);
        var colleague = await factory.SignedInClientAsync(await factory.CreateUserAsync(u => u.OrganizationId = organization));

        var card = await colleague.GetPageAsync($"/People/{person.Id}");

        var image = card.Document.QuerySelector("[data-testid='person-full-body']");
        Assert.NotNull(image);
        Assert.Equal("Full-body avatar of Ada Lovelace", image.GetAttribute("alt"));
        Assert.Equal($"/avatars/{person.Id}/full?v=1", image.GetAttribute("src"));
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync(image.GetAttribute("src"))).StatusCode);
    }

    [Fact]
    public async Task PeopleCard_PhotoAvatar_HasNoFullBodyImage()
    {
        var organization = (await factory.CreateOrganizationAsync()).Id;
        var person = await PersonWithCharacterAsync(organization);
        var personClient = await factory.SignedInClientAsync(person);
        await personClient.UploadAsync("/Settings/Avatar", "Input.File", TestImages.SolidPng(64, 64, (1, 2, 3)), "me.png", "image/png");

        var card = await personClient.GetPageAsync($"/People/{person.Id}");

        Assert.Null(card.Document.QuerySelector("[data-testid='person-full-body']"));
        Assert.NotNull(card.Document.QuerySelector("[data-testid='person-card'] img"));
    }

    private async Task<TestUser> PersonWithCharacterAsync(Guid? organization)
    {
        var person = await factory.CreateUserAsync(u => u.OrganizationId = organization);
        var client = await factory.SignedInClientAsync(person);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetCharacterAsync()).StatusCode);
        return person;
    }
}
