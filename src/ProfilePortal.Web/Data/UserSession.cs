namespace ProfilePortal.Web.Data;

/// <summary>
/// A signed-in browser (SPEC 2.7). The cookie holds only a random session key; this row holds the authentication
/// ticket. Deleting the row ends the session on its very next request, on every app instance.
/// </summary>
public class UserSession
{
    /// <summary>Public handle used in the sessions page's forms; not a secret.</summary>
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the session key in the cookie: a database leak does not reveal usable keys.</summary>
    public string KeyHash { get; set; } = "";

    public Guid UserId { get; set; }

    /// <summary>The serialized authentication ticket, encrypted with Data Protection.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public DateTime LastActivityAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>"Keep me signed in" was ticked: no idle timeout, only the absolute lifetime.</summary>
    public bool IsPersistent { get; set; }

    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
}
