using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins with a login that matches no account, or a disabled one, counted and locked out exactly as Identity
/// does for an account (MaxFailedAccessAttempts failures, then DefaultLockoutTimeSpan): without it five wrong passwords
/// showed the lockout page for an account and the "do not match" message for ever for a made-up login, which told
/// anyone who has an account (SPEC 2.10). Kept in this process and keyed by the normalized login, like the attempt
/// throttle (each app node counts on its own); a login's count is forgotten a day after its last failure, and at most
/// <see cref="MaxLogins"/> are kept (the least recently failed go first).
/// </summary>
public sealed class UnusableLoginLockout(IOptions<IdentityOptions> identity, TimeProvider clock)
{
    public const int MaxLogins = 10_000;

    /// <summary>Identity never forgets a failure; a made-up login's count is kept this long after its last one.</summary>
    public static readonly TimeSpan ForgetAfter = TimeSpan.FromDays(1);

    // No login is longer (the attempt throttle cuts its keys at the same length).
    private const int MaxLoginKeyLength = 256;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LockedUntil;
        public DateTimeOffset LastSeen;
    }

    /// <summary>Whether the login is locked now, as a locked account is refused before its password is looked at.</summary>
    public bool IsLockedOut(string normalizedLogin)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _entries.TryGetValue(Key(normalizedLogin), out var entry) && entry.LockedUntil > now;
        }
    }

    /// <summary>Counts one failure; true when it locked the login (the count then starts again, as Identity's does).</summary>
    public bool RecordFailure(string normalizedLogin)
    {
        var lockout = identity.Value.Lockout;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var key = Key(normalizedLogin);
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= MaxLogins) MakeRoom(now);
                entry = new Entry();
                _entries[key] = entry;
            }

            if (entry.LockedUntil <= now && now - entry.LastSeen >= ForgetAfter) entry.Failures = 0;
            entry.LastSeen = now;
            if (++entry.Failures < lockout.MaxFailedAccessAttempts) return false;
            entry.Failures = 0;
            entry.LockedUntil = now + lockout.DefaultLockoutTimeSpan;
            return true;
        }
    }

    /// <summary>Drops what is forgotten; when that is not enough, the least recently failed quarter.</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LockedUntil <= now && now - entry.LastSeen >= ForgetAfter) _entries.Remove(key);
        }

        if (_entries.Count < MaxLogins) return;
        foreach (var key in _entries.OrderBy(e => e.Value.LastSeen).Take(MaxLogins / 4).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }

    private static string Key(string normalizedLogin)
        => normalizedLogin.Length <= MaxLoginKeyLength ? normalizedLogin : normalizedLogin[..MaxLoginKeyLength];
}
