using Microsoft.AspNetCore.Identity;

namespace ProfilePortal.Web.Data;

/// <summary>
/// A passkey (WebAuthn credential) of a person: Identity's passkey row (schema version 3) plus when it last signed
/// someone in, which the passkeys page lists (SPEC 2.4) and Identity does not record.
/// </summary>
public class AppUserPasskey : IdentityUserPasskey<Guid>
{
    public DateTime? LastUsedAt { get; set; }
}
