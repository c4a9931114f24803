using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Tests.Features.Sessions;

/// <summary>
/// A node reuses the tickets it decoded (issue 17), but only while the session row still holds the same bytes, and
/// never hands two requests the same ticket object.
/// </summary>
public class DecodedTicketCacheTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Retrieve_Twice_GivesEqualButSeparateTickets_AChangeToOneDoesNotReachTheNext()
    {
        var (store, key, _) = await SignedInAsync("first");

        var one = (await store.RetrieveAsync(key))!;
        ((ClaimsIdentity)one.Principal.Identity!).AddClaim(new Claim("injected", "yes"));
        one.Properties.Items["changed"] = "yes";
        var two = (await store.RetrieveAsync(key))!;

        Assert.NotSame(one, two);
        Assert.Equal("first", two.Principal.FindFirstValue("marker"));
        Assert.Null(two.Principal.FindFirst("injected"));
        Assert.False(two.Properties.Items.ContainsKey("changed"));
    }

    [Fact]
    public async Task Retrieve_AfterAnotherNodeRewroteTheTicket_GivesTheNewTicket()
    {
        var (store, key, userId) = await SignedInAsync("before");
        Assert.Equal("before", (await store.RetrieveAsync(key))!.Principal.FindFirstValue("marker"));

        // Another node (its own store, no shared memory) renews the same session with different claims.
        var otherNode = NewStore();
        var renewed = Ticket(userId, "after", (await factory.LoadUserAsync(userId)).ConcurrencyStamp);
        await otherNode.RenewAsync(key, renewed);

        Assert.Equal("after", (await store.RetrieveAsync(key))!.Principal.FindFirstValue("marker"));
    }

    [Fact]
    public async Task Retrieve_AfterTheRowIsDeletedElsewhere_IsRefusedAlthoughTheTicketWasDecodedBefore()
    {
        var (store, key, userId) = await SignedInAsync("cached");
        Assert.NotNull(await store.RetrieveAsync(key));

        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync());

        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Retrieve_AfterTheAccountIsDisabledElsewhere_IsRefusedAlthoughTheTicketWasDecodedBefore()
    {
        var (store, key, userId) = await SignedInAsync("cached");
        Assert.NotNull(await store.RetrieveAsync(key));

        await factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.DisabledAt, DateTime.UtcNow)));

        Assert.Null(await store.RetrieveAsync(key));
    }

    private async Task<(DatabaseTicketStore Store, string Key, Guid UserId)> SignedInAsync(string marker)
    {
        var user = await factory.CreateUserAsync();
        var stamp = (await factory.LoadUserAsync(user.Id)).ConcurrencyStamp;
        var store = NewStore();
        var key = await store.StoreAsync(Ticket(user.Id, marker, stamp));
        return (store, key, user.Id);
    }

    private static AuthenticationTicket Ticket(Guid userId, string marker, string? stamp = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()), new("marker", marker) };
        if (stamp is not null) claims.Add(new Claim(PortalClaims.AccountStamp, stamp));
        return new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, IdentityConstants.ApplicationScheme)), new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
    }

    private DatabaseTicketStore NewStore()
        => new(factory.Service<IServiceScopeFactory>(), factory.Service<IDataProtectionProvider>(), TimeProvider.System, factory.Service<IOptionsMonitor<SessionOptions>>());
}
