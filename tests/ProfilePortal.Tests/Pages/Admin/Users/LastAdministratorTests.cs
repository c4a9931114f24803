using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

/// <summary>Each test has an app of its own, so "the last administrator" is exactly the one the test creates.</summary>
public class LastAdministratorTests
{
    private const string Message = "Root Admin is the last active administrator. Make someone else an administrator first.";

    private static async Task<HttpResponseMessage> ConfirmDisableAsync(HttpClient client, Guid id)
    {
        var confirm = await client.GetPageAsync($"/Admin/Users/{id}/Disable");
        return await client.PostFormAsync(confirm.MainForm(), new Dictionary<string, string>(), $"/Admin/Users/{id}/Disable");
    }

    private static async Task<(PortalFactory Factory, TestUser Admin, HttpClient Client)> OnlyAdministratorAsync()
    {
        var factory = new PortalFactory();
        var admin = await factory.CreateUserAsync(u => { u.FirstName = "Root"; u.LastName = "Admin"; }, Roles.Administrator);
        return (factory, admin, await factory.SignedInClientAsync(admin));
    }

    [Fact]
    public async Task PostLock_Themselves_IsRefusedAndNothingChanges()
    {
        var (factory, admin, client) = await OnlyAdministratorAsync();
        await using var _ = factory;

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync($"/Admin/Users/{admin.Id}/Lock", new Dictionary<string, string> { ["Input.Until"] = "" }));

        Assert.Equal(Message, page.FormError);
        Assert.Null((await factory.LoadUserAsync(admin.Id)).LockoutEnd);
        Assert.Empty(await factory.AuditOfAsync(admin.Id));
    }

    [Fact]
    public async Task PostDisable_Themselves_IsRefusedUntilAnotherAdministratorExists()
    {
        var (factory, admin, client) = await OnlyAdministratorAsync();
        await using var _ = factory;

        var page = await HtmlPage.ParseAsync(await ConfirmDisableAsync(client, admin.Id));

        Assert.Equal(Message, page.FormError);
        Assert.Null((await factory.LoadUserAsync(admin.Id)).DisabledAt);

        // A second administrator who is disabled does not count; an active one does.
        await factory.CreateUserAsync(u => u.DisabledAt = DateTime.UtcNow, Roles.Administrator);
        var still = await HtmlPage.ParseAsync(await ConfirmDisableAsync(client, admin.Id));
        Assert.Equal(Message, still.FormError);

        var other = await factory.CreateUserAsync(role: Roles.Administrator);
        var done = await ConfirmDisableAsync(client, other.Id);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);
        Assert.NotNull((await factory.LoadUserAsync(other.Id)).DisabledAt);
    }

    [Fact]
    public async Task PostRole_DemotingThemselvesAfterConfirmation_IsRefused()
    {
        var (factory, admin, client) = await OnlyAdministratorAsync();
        await using var _ = factory;
        var member = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync());

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync($"/Admin/Users/{admin.Id}", new Dictionary<string, string>
        {
            ["Input.RoleId"] = member.ToString(),
            ["Input.ConfirmDemotion"] = "true",
        }));

        Assert.Equal(Message, page.FieldError("Input.RoleId"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
    }
}
