using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class EndSessionsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Post_AfterConfirmation_EveryBrowserOfThePersonIsSignedOut()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var phone = await factory.SignedInClientAsync(person);
        var laptop = await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(admin);

        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/EndSessions");
        Assert.Contains("End every session of Ada Lovelace?", confirm.Text("main"));
        var page = await client.FollowAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/EndSessions"));

        Assert.Equal("2 sessions of Ada Lovelace have ended.", page.StatusMessage);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.SessionsEnded, SecurityEventType.SessionsEndedByAdmin);
    }
}
