using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Sessions;

namespace ProfilePortal.Tests.Features.Sessions;

/// <summary>
/// Where a session ends, to the second, in every place that judges it: the session store (refuses the request and
/// deletes the row), the sessions list and the hourly cleanup. At exactly the idle timeout (without "keep me signed
/// in") or exactly the absolute lifetime, the session is over everywhere; one second earlier it is alive everywhere.
/// </summary>
public class SessionEndBoundaryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // Whole seconds, so PostgreSQL's microsecond timestamps hold the instants exactly.
    private static readonly DateTimeOffset SignedInAt = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<bool, int, bool> Limits => new()
    {
        // persistent ("keep me signed in"), seconds from the limit (idle timeout or absolute lifetime), still alive
        { false, -1, true },
        { false, 0, false },
        { true, -1, true },
        { true, 0, false },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task SessionStore_AtTheLimit_RefusesAndDeletesTheSession(bool persistent, int secondsFromLimit, bool alive)
    {
        var (key, userId, clock) = await SignInAsync(persistent);
        clock.SetUtcNow(SignedInAt + Limit(persistent) + TimeSpan.FromSeconds(secondsFromLimit));

        var ticket = await StoreAt(clock).RetrieveAsync(key);

        Assert.Equal(alive, ticket is not null);
        Assert.Equal(alive ? 1 : 0, await SessionCountAsync(userId));
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task SessionsList_AtTheLimit_LeavesTheSessionOut(bool persistent, int secondsFromLimit, bool alive)
    {
        var (_, userId, clock) = await SignInAsync(persistent);
        clock.SetUtcNow(SignedInAt + Limit(persistent) + TimeSpan.FromSeconds(secondsFromLimit));

        var listed = await factory.InScopeAsync(sp => ActivatorUtilities.CreateInstance<SessionService>(sp, (TimeProvider)clock)
            .ListActiveAsync(userId, currentId: null, CancellationToken.None));

        Assert.Equal(alive ? 1 : 0, listed.Count);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task Cleanup_AtTheLimit_DeletesTheSession(bool persistent, int secondsFromLimit, bool alive)
    {
        var (_, userId, clock) = await SignInAsync(persistent);
        clock.SetUtcNow(SignedInAt + Limit(persistent) + TimeSpan.FromSeconds(secondsFromLimit));

        await ActivatorUtilities.CreateInstance<ExpiredSessionCleanup>(factory.Services, (TimeProvider)clock).DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(alive ? 1 : 0, await SessionCountAsync(userId));
    }

    private TimeSpan Limit(bool persistent)
    {
        var options = factory.Service<IOptionsMonitor<SessionOptions>>().CurrentValue;
        return persistent ? options.AbsoluteLifetime : options.IdleTimeout;
    }

    /// <summary>A session stored at <see cref="SignedInAt"/>, as the cookie handler stores one at sign-in.</summary>
    private async Task<(string Key, Guid UserId, FakeTimeProvider Clock)> SignInAsync(bool persistent)
    {
        var user = await factory.CreateUserAsync();
        var clock = new FakeTimeProvider(SignedInAt);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id.ToString())], IdentityConstants.ApplicationScheme));
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IsPersistent = persistent }, IdentityConstants.ApplicationScheme);
        var key = await StoreAt(clock).StoreAsync(ticket);
        return (key, user.Id, clock);
    }

    private DatabaseTicketStore StoreAt(TimeProvider clock)
        => new(factory.Service<IServiceScopeFactory>(), factory.Service<IDataProtectionProvider>(), clock, factory.Service<IOptionsMonitor<SessionOptions>>());

    private Task<int> SessionCountAsync(Guid userId)
        => factory.InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().UserSessions.CountAsync(s => s.UserId == userId));
}
