using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace ProfilePortal.Web.Features.Notifications;

/// <summary>The credential part of a channel: its URL and, for the generic webhook, the HMAC-SHA256 signing secret.</summary>
public sealed record ChannelSecret(string Url, string? SigningSecret = null);

/// <summary>
/// Encrypts channel URLs and signing secrets with Data Protection for <see cref="Data.NotificationChannel.ProtectedSecret"/>
/// (SPEC: no secret stored in plain text); the key ring is shared by every node, so any node's worker can send.
/// </summary>
public sealed class ChannelSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ProfilePortal.Notifications.ChannelSecret.v1");

    public string Protect(ChannelSecret secret) => _protector.Protect(JsonSerializer.Serialize(secret));

    public ChannelSecret Unprotect(string protectedSecret)
        => JsonSerializer.Deserialize<ChannelSecret>(_protector.Unprotect(protectedSecret))
           ?? throw new InvalidOperationException("A channel secret decrypted to nothing.");
}
