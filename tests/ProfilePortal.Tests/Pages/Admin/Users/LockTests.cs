using System.Net;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Tests.Pages.Admin.Users;

using Roles = ProfilePortal.Web.Data.Roles;

public class LockTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url(TestUser person) => $"/Admin/Users/{person.Id}/Lock";

    [Fact]
    public async Task Get_ShowsAConfirmationStepWithoutChangingAnything()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();

        var page = await client.GetPageAsync(Url(person));

        Assert.Contains("Lock the account of Ada Lovelace?", page.Text("main"));
        Assert.Null((await factory.LoadUserAsync(person.Id)).LockoutEnd);
    }

    [Fact]
    public async Task Post_Indefinitely_RefusesSignInEndsSessionsAndAudits()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync();
        var theirBrowser = await factory.SignedInClientAsync(person);
        var client = await factory.SignedInClientAsync(admin);

        var response = await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Until"] = "" });

        var page = await client.FollowAsync(response);
        Assert.Equal("Ada Lovelace is locked until an administrator unlocks the account.", page.StatusMessage);
        Assert.Equal("LOCKED", page.Text("[data-testid='person-status']"));
        Assert.Equal(DateTimeOffset.MaxValue, (await factory.LoadUserAsync(person.Id)).LockoutEnd);
        Assert.Equal(HttpStatusCode.Redirect, (await theirBrowser.GetAsync("/Settings/Profile")).StatusCode);
        var signIn = await factory.CreateBrowserClient().SignInAsync(person.UserName, person.Password);
        Assert.Contains("/Account/Lockout", signIn.Headers.Location?.ToString());
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AccountLocked, SecurityEventType.AccountLockedByAdmin);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.SessionsEnded, SecurityEventType.SessionsEndedByAdmin);
    }

    [Fact]
    public async Task Post_UntilADay_LocksUntilThatDayStartsAndUnlockResetsFailures()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var person = await factory.CreateUserAsync(u => u.AccessFailedCount = 3);
        var client = await factory.SignedInClientAsync(admin);
        var day = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(3);

        await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Until"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Input.EndSessions"] = "false" });

        Assert.Equal(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), (await factory.LoadUserAsync(person.Id)).LockoutEnd);

        var details = await client.GetPageAsync($"/Admin/Users/{person.Id}");
        var unlocked = await client.FollowAsync(await client.PostFormAsync(details.FormWithHandler("Unlock"), new Dictionary<string, string>(), $"/Admin/Users/{person.Id}"));

        Assert.Equal("Ada Lovelace is unlocked and can sign in again.", unlocked.StatusMessage);
        var stored = await factory.LoadUserAsync(person.Id);
        Assert.Null(stored.LockoutEnd);
        Assert.Equal(0, stored.AccessFailedCount);
        await factory.AssertAuditedAsync(person.Id, admin.Id, AdminAction.AccountUnlocked, SecurityEventType.AccountUnlockedByAdmin);
        Assert.Equal("/Settings/Profile", (await factory.CreateBrowserClient().SignInAsync(person.UserName, person.Password)).Headers.Location?.ToString());
    }

    [Fact]
    public async Task Post_DayNotInTheFuture_IsRefusedUnderTheField()
    {
        var client = await factory.SignedInClientAsync(await factory.CreateUserAsync(role: Roles.Administrator));
        var person = await factory.CreateUserAsync();
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

        var page = await HtmlPage.ParseAsync(await client.SubmitFormAsync(Url(person), new Dictionary<string, string> { ["Input.Until"] = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal("Choose a day after today, or leave the date empty to lock until unlocked.", page.FieldError("Input.Until"));
        Assert.Null((await factory.LoadUserAsync(person.Id)).LockoutEnd);
    }
}
