namespace ProfilePortal.Web.Data;

/// <summary>What a personal access token may do with the API (SPEC 2.5). Stored as a bit set.</summary>
[Flags]
public enum TokenScopes
{
    None = 0,
    Read = 1,
    Write = 2,
}

/// <summary>
/// A personal access token for the API (SPEC 2.5). The token value itself is never stored: only its SHA-256 (for
/// lookup) and a short display prefix (so the person can tell tokens apart).
/// </summary>
public class PersonalAccessToken
{
    /// <summary>Public handle used in the tokens page's forms; not a secret.</summary>
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole token value; unique, looked up on every API request.</summary>
    public string Hash { get; set; } = "";

    /// <summary>"ppt_" and the first characters of the random part, e.g. "ppt_x7Qa".</summary>
    public string DisplayPrefix { get; set; } = "";

    public string? Description { get; set; }
    public TokenScopes Scopes { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Null for a token that never expires. The token is refused from this instant on.</summary>
    public DateTime? ExpiresAt { get; set; }

    /// <summary>Set when revoked; a revoked token is refused and listed under Withdrawn.</summary>
    public DateTime? RevokedAt { get; set; }

    /// <summary>Written at most once per interval (Tokens:LastUsedWriteInterval), not on every request.</summary>
    public DateTime? LastUsedAt { get; set; }
    public string? LastUsedIp { get; set; }

    /// <summary>The expiry reminders already produced (SPEC 2.8), each set in the transaction that queues it.</summary>
    public TokenReminders RemindersSent { get; set; }
}
