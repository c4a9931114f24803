using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

/// <summary>Pending deletion requests (SPEC 2.8c, Accounts:Deletion = AdminApproval) as administrators see and answer them.</summary>
public class DeletionRequestsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private Task<TestUser> PendingPersonAsync(string lastName = "Lovelace")
        => factory.CreateUserAsync(u => { u.LastName = lastName; u.DeletionRequestedAt = factory.Clock.GetUtcNow().UtcDateTime; });

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid id, string action)
    {
        var confirm = await client.GetPageAsync($"/Admin/Users/{id}/{action}");
        return await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{id}/{action}");
    }

    private Task<bool> ExistsAsync(Guid id)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Id == id));

    [Fact]
    public async Task GetDetails_PendingRequest_ShowsItWithApproveAndDecline()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await PendingPersonAsync();
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.GetPageAsync($"/Admin/Users/{person.Id}");

        Assert.StartsWith("Ada Lovelace asked to delete their account on", page.Text("[data-testid='deletion-request'] p"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/Admin/Users/{person.Id}/ApproveDeletion']"));
        Assert.NotNull(page.Document.QuerySelector($"a[href='/Admin/Users/{person.Id}/DeclineDeletion']"));

        var none = await client.GetPageAsync($"/Admin/Users/{admin.Id}");
        Assert.Null(none.Document.QuerySelector("[data-testid='deletion-request']"));
    }

    [Fact]
    public async Task PostApprove_PendingRequest_DeletesAccountAuditedWithTheAdministrator()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await PendingPersonAsync();
        var theirBrowser = await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(admin);

        var response = await ConfirmAsync(client, person.Id, "ApproveDeletion");

        Assert.Equal("/Admin/Users", response.Headers.Location?.ToString());
        Assert.Equal("The account of Ada Lovelace is deleted.", (await client.FollowAsync(response)).StatusMessage);
        Assert.False(await ExistsAsync(person.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await theirBrowser.GetAsync("/Settings/Profile")).StatusCode);
        var audit = Assert.Single(await factory.AuditOfAsync(person.Id), e => e.Action == AdminAction.DeletionApproved);
        Assert.Equal(admin.Id, audit.ActorId);
        var log = await factory.SecurityLogOfAsync(person.Id);
        Assert.Equal(SecurityEventType.AccountDeleted, log[^1].Type);
        Assert.Equal(admin.Id, log[^1].ActorId);
        Assert.All(log, e => Assert.Null(e.IpAddress));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Admin/Users/{person.Id}")).StatusCode);
    }

    [Fact]
    public async Task PostApprove_NoPendingRequest_IsRefusedAndNothingChanges()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(admin);

        var page = await HtmlPage.ParseAsync(await ConfirmAsync(client, person.Id, "ApproveDeletion"));

        Assert.Equal("Ada Lovelace has no pending deletion request.", page.FormError);
        Assert.True(await ExistsAsync(person.Id));
        Assert.Empty(await factory.AuditOfAsync(person.Id));
    }

    [Fact]
    public async Task PostApprove_RequestWithdrawnSinceThePageOpened_IsRefused()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await PendingPersonAsync();
        var client = await factory.SignedInClientAsync(admin);
        var confirm = await client.GetPageAsync($"/Admin/Users/{person.Id}/ApproveDeletion");
        var theirs = await factory.SignedInClientAsync(person);
        await Settings.Data.YourData.WithdrawAsync(theirs);

        var page = await HtmlPage.ParseAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}/ApproveDeletion"));

        Assert.Equal("Ada Lovelace has no pending deletion request.", page.FormError);
        Assert.True(await ExistsAsync(person.Id));
    }

    [Fact]
    public async Task PostDecline_PendingRequest_ClearsItAndTellsThePersonsLog()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await PendingPersonAsync();
        var client = await factory.SignedInClientAsync(admin);

        var page = await client.FollowAsync(await ConfirmAsync(client, person.Id, "DeclineDeletion"));

        Assert.Equal("The deletion request of Ada Lovelace is declined.", page.StatusMessage);
        Assert.Null(page.Document.QuerySelector("[data-testid='deletion-request']"));
        Assert.Null((await factory.LoadUserAsync(person.Id)).DeletionRequestedAt);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.DeletionDeclined, SecurityEventType.DeletionDeclinedByAdmin);
    }

    [Fact]
    public async Task GetIndex_PendingDeletionFilter_ListsOnlyPendingPeopleWithTheMarker()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var lastName = "Pending" + Guid.NewGuid().ToString("N")[..8];
        var pending = await PendingPersonAsync(lastName);
        var notPending = await factory.CreateUserAsync(u => u.LastName = lastName);
        var client = await factory.SignedInClientAsync(admin);

        var filtered = await client.GetPageAsync($"/Admin/Users?q={lastName}&status=PendingDeletion");
        var all = await client.GetPageAsync($"/Admin/Users?q={lastName}");

        var row = Assert.Single(filtered.Document.QuerySelectorAll("tr[data-user-id]"));
        Assert.Equal(pending.Id.ToString(), row.GetAttribute("data-user-id"));
        Assert.Equal("Pending deletion", row.QuerySelector("[data-testid='deletion-pending']")?.TextContent.Trim());
        Assert.Equal(2, all.Document.QuerySelectorAll("tr[data-user-id]").Length);
        Assert.Null(all.Document.QuerySelector($"tr[data-user-id='{notPending.Id}'] [data-testid='deletion-pending']"));
        Assert.Equal("PendingDeletion", filtered.Value("status"));
    }

    [Fact]
    public async Task PostApprove_LastAdministratorsOwnRequest_IsRefusedAndNothingChanges()
    {
        await using var own = new PortalFactory();
        var admin = await own.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; u.DeletionRequestedAt = DateTime.UtcNow; }, Roles.Administrator);
        var client = await own.SignedInClientAsync(admin);

        var confirm = await client.GetPageAsync($"/Admin/Users/{admin.Id}/ApproveDeletion");
        var page = await HtmlPage.ParseAsync(await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{admin.Id}/ApproveDeletion"));

        Assert.Equal("Root Admin is the last active administrator. Make someone else an administrator first.", page.FormError);
        Assert.True(await own.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.Id == admin.Id)));
        Assert.Empty(await own.AuditOfAsync(admin.Id));
    }
}
