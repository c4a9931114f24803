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

    [Fact]
    public async Task PostRole_TwoAdministratorsDemoteEachOtherAtOnce_OneAdministratorRemains()
    {
        await using var factory = new PortalFactory();
        var (first, second) = await TwoAdministratorsAsync(factory);
        var member = await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Roles.Where(r => r.Name == Roles.Member).Select(r => r.Id).SingleAsync());
        var demote = new Dictionary<string, string> { ["Input.RoleId"] = member.ToString(), ["Input.ConfirmDemotion"] = "true" };

        // Both forms are open before either is sent, as two people looking at each other's page would have them.
        var firstForm = (await first.Client.GetPageAsync($"/Admin/Users/{second.Admin.Id}")).FormWithHandler("Role");
        var secondForm = (await second.Client.GetPageAsync($"/Admin/Users/{first.Admin.Id}")).FormWithHandler("Role");
        var responses = await Task.WhenAll(
            first.Client.PostFormAsync(firstForm, demote, $"/Admin/Users/{second.Admin.Id}"),
            second.Client.PostFormAsync(secondForm, demote, $"/Admin/Users/{first.Admin.Id}"));

        // The one that lost the race is told (or finds it is no longer an administrator); neither sees an error page.
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"answered {(int)r.StatusCode}"));
        Assert.Single(await ActiveAdministratorsAsync(factory, first.Admin.Id, second.Admin.Id));
    }

    [Fact]
    public async Task PostDisable_TwoAdministratorsDisableEachOtherAtOnce_OneAdministratorRemains()
    {
        await using var factory = new PortalFactory();
        var (first, second) = await TwoAdministratorsAsync(factory);

        var firstForm = (await first.Client.GetPageAsync($"/Admin/Users/{second.Admin.Id}/Disable")).MainForm();
        var secondForm = (await second.Client.GetPageAsync($"/Admin/Users/{first.Admin.Id}/Disable")).MainForm();
        var responses = await Task.WhenAll(
            first.Client.PostFormAsync(firstForm, new Dictionary<string, string>(), $"/Admin/Users/{second.Admin.Id}/Disable"),
            second.Client.PostFormAsync(secondForm, new Dictionary<string, string>(), $"/Admin/Users/{first.Admin.Id}/Disable"));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"answered {(int)r.StatusCode}"));
        Assert.Single(await ActiveAdministratorsAsync(factory, first.Admin.Id, second.Admin.Id));
    }

    private static async Task<((TestUser Admin, HttpClient Client) First, (TestUser Admin, HttpClient Client) Second)> TwoAdministratorsAsync(PortalFactory factory)
    {
        var first = await factory.CreateUserAsync(role: Roles.Administrator);
        var second = await factory.CreateUserAsync(role: Roles.Administrator);
        return ((first, await factory.SignedInClientAsync(first)), (second, await factory.SignedInClientAsync(second)));
    }

    /// <summary>Which of the given people are still active administrators: the role, not disabled, not locked.</summary>
    private static Task<List<Guid>> ActiveAdministratorsAsync(PortalFactory factory, params Guid[] ids)
        => factory.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var adminRole = await db.Roles.Where(r => r.Name == Roles.Administrator).Select(r => r.Id).SingleAsync();
            var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync();
            var withRole = await db.UserRoles.Where(ur => ids.Contains(ur.UserId) && ur.RoleId == adminRole).Select(ur => ur.UserId).ToListAsync();
            return users.Where(u => withRole.Contains(u.Id) && u.DisabledAt is null && (u.LockoutEnd is null || u.LockoutEnd <= DateTimeOffset.UtcNow))
                .Select(u => u.Id).ToList();
        });
}
