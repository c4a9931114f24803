using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using Roles = ProfilePortal.Web.Data.Roles;
using ProfilePortal.Web.Features.Administration;

namespace ProfilePortal.Tests.Pages.Settings.Data;

/// <summary>Deletion with Accounts:Deletion = AdminApproval (the default): the person files a request, or withdraws it.</summary>
public class DeletionRequestTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task PostDelete_WrongConfirmation_ShowsMessageUnderFieldAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await YourData.DeleteAsync(client, user.UserName + "x"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("This is not your username. Nothing was deleted.", page.FieldError("Input.Confirmation"));
        Assert.Null((await factory.LoadUserAsync(user.Id)).DeletionRequestedAt);
        Assert.DoesNotContain(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.DeletionRequested);
    }

    [Fact]
    public async Task PostDelete_Empty_AsksForTheUsername()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await YourData.DeleteAsync(client, " "));

        Assert.Equal("Type your username to confirm.", page.FieldError("Input.Confirmation"));
        Assert.Null((await factory.LoadUserAsync(user.Id)).DeletionRequestedAt);
    }

    [Fact]
    public async Task PostDelete_Confirmed_FilesRequestShownAsPendingAndWithdrawClearsIt()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await client.FollowAsync(await YourData.DeleteAsync(client, user.UserName));

        Assert.Equal("Your request to delete your account is waiting for an administrator.", page.StatusMessage);
        Assert.StartsWith("You asked to delete your account. Pending since", page.Text("[data-testid='deletion-pending']"));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, (await factory.LoadUserAsync(user.Id)).DeletionRequestedAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.DeletionRequested && e.ActorId == null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);

        var withdrawn = await client.FollowAsync(await YourData.WithdrawAsync(client));

        Assert.Equal("Your deletion request is withdrawn. Your account stays as it is.", withdrawn.StatusMessage);
        Assert.Equal("", withdrawn.Text("[data-testid='deletion-pending']"));
        Assert.Null((await factory.LoadUserAsync(user.Id)).DeletionRequestedAt);
        Assert.Contains(await factory.SecurityLogOfAsync(user.Id), e => e.Type == SecurityEventType.DeletionCancelled);
    }

    [Fact]
    public async Task PostDelete_ConfirmationOlderThanWindow_AsksForPasswordAndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        factory.Clock.Advance(TimeSpan.FromMinutes(16));

        var response = await YourData.DeleteAsync(client, user.UserName);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Reauthenticate?returnUrl=", response.Headers.Location?.ToString());
        Assert.Null((await factory.LoadUserAsync(user.Id)).DeletionRequestedAt);
    }

    [Fact]
    public async Task PostDelete_LastAdministrator_IsRefusedWithMessage()
    {
        await using var own = new PortalFactory();
        var admin = await own.CreateUserAsync(role: Roles.Administrator);
        var client = await own.SignedInClientAsync(admin);

        var page = await HtmlPage.ParseAsync(await YourData.DeleteAsync(client, admin.UserName));

        Assert.Equal("You are the last active administrator. Make someone else an administrator before you delete your account.", page.FormError);
        Assert.Null((await own.LoadUserAsync(admin.Id)).DeletionRequestedAt);
    }
}

public sealed class ImmediateDeletionFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Accounts:Deletion"] = "Immediate" };
}

/// <summary>Deletion with Accounts:Deletion = Immediate: the account, its sessions and tokens end at once; the logs stay with the id only.</summary>
public class ImmediateDeletionTests(ImmediateDeletionFactory factory) : IClassFixture<ImmediateDeletionFactory>
{
    [Fact]
    public async Task PostDelete_Confirmed_RemovesAccountAndEverythingHangingOnItKeepsLogsWithIdOnly()
    {
        var admin = await factory.CreateUserAsync(role: Roles.Administrator);
        var user = await factory.CreateUserAsync();
        var otherBrowser = await factory.SignedInClientAsync(user);
        var client = await factory.SignedInClientAsync(user);
        var script = factory.ApiClient((await factory.CreateTokenAsync(user)).Value);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/me")).StatusCode);
        await factory.AddPasskeyAsync(user.Id, "Laptop");
        // A character avatar: its images, its full body and its document (SPEC 2.8b).
        Assert.Equal(HttpStatusCode.Redirect, (await client.SetCharacterAsync()).StatusCode);
        await factory.EnableTwoFactorAsync(user.Id);
        // An administrator's action on the person, whose detail names their email.
        await factory.InScopeAsync(sp => sp.GetRequiredService<AdminAuditService>()
            .RecordOnPersonAsync(admin.Id, AdminAction.EmailChanged, user.Id, SecurityEventType.EmailChangedByAdmin, $"{user.Email} → new@example.test"));

        var response = await YourData.DeleteAsync(client, user.UserName);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location?.ToString());
        var landing = await client.FollowAsync(response);
        Assert.Equal("Your account has been deleted. Your sessions and API tokens have ended.", landing.StatusMessage);

        Assert.Null(await factory.DbAsync(db => db.Users.FirstOrDefaultAsync(u => u.Id == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.PersonalAccessTokens.CountAsync(t => t.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.UserAvatars.CountAsync(a => a.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.AvatarCharacters.CountAsync(c => c.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.UserPasskeys.CountAsync(p => p.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.UserTokens.CountAsync(t => t.UserId == user.Id)));
        Assert.Equal(0, await factory.DbAsync(db => db.UserRoles.CountAsync(r => r.UserId == user.Id)));

        // Every session and token ends at its next request.
        var next = await otherBrowser.GetAsync("/Settings/Profile");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/Account/Login", next.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Settings/Profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/me")).StatusCode);
        var adminBrowser = await factory.SignedInClientAsync(admin);
        Assert.Equal(HttpStatusCode.NotFound, (await adminBrowser.GetAsync($"/avatars/{user.Id}/512")).StatusCode);

        // The security log stays, with the id only, and ends with the deletion.
        var log = await factory.SecurityLogOfAsync(user.Id);
        Assert.True(log.Count >= 3);
        Assert.All(log, e => Assert.True(e.IpAddress is null && e.UserAgent is null && e.Detail is null, $"{e.Type} keeps particulars"));
        Assert.Equal(SecurityEventType.AccountDeleted, log[^1].Type);
        Assert.Null(log[^1].ActorId);
        var audit = Assert.Single(await factory.AuditOfAsync(user.Id));
        Assert.Equal(AdminAction.EmailChanged, audit.Action);
        Assert.Null(audit.Detail);
        Assert.DoesNotContain(factory.Logs.GetSnapshot(), l => l.Message.Contains(user.Email, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(factory.Logs.GetSnapshot(), l => l.Message.Contains($"User {user.Id} deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostDelete_DeletedEmailAndUsername_CanBeUsedByANewAccount()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);
        await YourData.DeleteAsync(client, user.UserName);

        var again = await factory.CreateUserAsync(u => { u.UserName = user.UserName; u.Email = user.Email; });

        Assert.NotEqual(user.Id, again.Id);
        var signedIn = await factory.SignedInClientAsync(again);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task PostDelete_WrongConfirmation_ChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        var client = await factory.SignedInClientAsync(user);

        var page = await HtmlPage.ParseAsync(await YourData.DeleteAsync(client, user.Email));

        Assert.Equal("This is not your username. Nothing was deleted.", page.FieldError("Input.Confirmation"));
        Assert.NotNull(await factory.DbAsync(db => db.Users.FirstOrDefaultAsync(u => u.Id == user.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }

    [Fact]
    public async Task PostDelete_LastAdministrator_IsRefusedAndNothingChanges()
    {
        await using var own = new ImmediateDeletionFactory();
        var admin = await own.CreateUserAsync(role: Roles.Administrator);
        var client = await own.SignedInClientAsync(admin);

        var page = await HtmlPage.ParseAsync(await YourData.DeleteAsync(client, admin.UserName));

        Assert.Equal("You are the last active administrator. Make someone else an administrator before you delete your account.", page.FormError);
        Assert.NotNull(await own.DbAsync(db => db.Users.FirstOrDefaultAsync(u => u.Id == admin.Id)));
        Assert.DoesNotContain(await own.SecurityLogOfAsync(admin.Id), e => e.Type == SecurityEventType.AccountDeleted);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Settings/Profile")).StatusCode);
    }
}
