using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ProfilePortal.Web.Features.Accounts;

namespace ProfilePortal.Tests.Features.Accounts;

/// <summary>Logins without a usable account are counted and locked out as Identity counts and locks an account.</summary>
public class UnusableLoginLockoutTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly UnusableLoginLockout _lockout;

    public UnusableLoginLockoutTests()
    {
        var identity = new IdentityOptions();
        identity.Lockout.MaxFailedAccessAttempts = 5;
        identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        _lockout = new UnusableLoginLockout(Options.Create(identity), _clock);
    }

    [Fact]
    public void RecordFailure_FifthLocksForTheLockoutTime_ThenTheCountStartsAgain()
    {
        Assert.Equal([false, false, false, false, true], Fail("NOBODY", 5));
        Assert.True(_lockout.IsLockedOut("NOBODY"));
        Assert.False(_lockout.IsLockedOut("SOMEBODY-ELSE"));

        _clock.Advance(TimeSpan.FromMinutes(15));

        Assert.False(_lockout.IsLockedOut("NOBODY"));
        Assert.Equal([false, false, false, false, true], Fail("NOBODY", 5));
    }

    [Fact]
    public void RecordFailure_ADayAfterTheLastFailure_CountsFromZero()
    {
        Fail("NOBODY", 4);
        _clock.Advance(UnusableLoginLockout.ForgetAfter - TimeSpan.FromSeconds(1));
        Fail("SLOW", 4);

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_lockout.RecordFailure("NOBODY"));
        Assert.True(_lockout.RecordFailure("SLOW"));
    }

    [Fact]
    public void RecordFailure_AtCapacity_ForgetsTheLeastRecentlyFailedFirst()
    {
        Fail("OLDEST", 4);
        for (var i = 1; i < UnusableLoginLockout.MaxLogins; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            _lockout.RecordFailure("LOGIN-" + i);
        }

        Fail("LOGIN-9999", 3);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        _lockout.RecordFailure("NEWCOMER");

        // OLDEST was dropped to make room (its next failure is its first); the most recent keep their counts.
        Assert.Equal([false, false, false, false, true], Fail("OLDEST", 5));
        Assert.True(_lockout.RecordFailure("LOGIN-9999"));
    }

    [Fact]
    public void Keys_LongerThanAnyLogin_AreCutSoTheyCannotGrowWithoutBound()
    {
        var prefix = new string('A', 256);

        Fail(prefix + "X", 4);

        Assert.True(_lockout.RecordFailure(prefix + "Y"));
    }

    private bool[] Fail(string login, int times) => Enumerable.Range(0, times).Select(_ => _lockout.RecordFailure(login)).ToArray();
}
