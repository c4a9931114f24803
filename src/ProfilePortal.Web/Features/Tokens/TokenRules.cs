using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Tokens;

/// <summary>When a personal access token works (SPEC 2.5): the one rule for the tokens page, the API and every query.</summary>
public static class TokenRules
{
    /// <summary>
    /// Active: not revoked, and either without expiry or before its expiry instant. A token is refused from the instant
    /// it expires on, so at exactly <see cref="PersonalAccessToken.ExpiresAt"/> it is withdrawn.
    /// </summary>
    public static readonly EntityRule<PersonalAccessToken, DateTime> Active =
        new((token, nowUtc) => token.RevokedAt == null && (token.ExpiresAt == null || token.ExpiresAt > nowUtc));

    /// <summary>When a withdrawn token stopped working: its revocation or its expiry.</summary>
    public static DateTime? WithdrawnAt(PersonalAccessToken token) => token.RevokedAt ?? token.ExpiresAt;
}
