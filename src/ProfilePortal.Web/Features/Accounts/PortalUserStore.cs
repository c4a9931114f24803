using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.TwoFactor;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// Identity's EF user store, except that no two-factor secret is stored as it arrives (Identity keeps both in plain
/// text in AspNetUserTokens): the authenticator key is encrypted with Data Protection, and each recovery code is a row
/// of its own holding only the code's SHA-256, so that redeeming one is a single DELETE that only one request can win.
/// </summary>
public sealed class PortalUserStore(AppDbContext context, IDataProtectionProvider dataProtection, IdentityErrorDescriber describer)
    : UserStore<AppUser, AppRole, AppDbContext, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>, IdentityUserLogin<Guid>,
        IdentityUserToken<Guid>, IdentityRoleClaim<Guid>, AppUserPasskey>(context, describer)
{
    /// <summary>Identity's own login provider name for the tokens its store keeps (key, recovery codes).</summary>
    public const string InternalLoginProvider = "[AspNetUserStore]";
    public const string AuthenticatorKeyName = "AuthenticatorKey";

    /// <summary>Recovery code rows are named this prefix plus the code's hash; their value is empty.</summary>
    public const string RecoveryCodeNamePrefix = "RecoveryCode:";

    private const string KeyPurpose = "ProfilePortal.TwoFactor.AuthenticatorKey.v1";

    private readonly IDataProtector _keyProtector = dataProtection.CreateProtector(KeyPurpose);

    private IQueryable<IdentityUserToken<Guid>> SecretsOf(AppUser user)
        => Context.Set<IdentityUserToken<Guid>>().Where(t => t.UserId == user.Id && t.LoginProvider == InternalLoginProvider);

    public override Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken)
        => SetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, _keyProtector.Protect(key), cancellationToken);

    /// <summary>
    /// A key that cannot be decrypted (the Data Protection key ring was lost) throws rather than reading as "no key":
    /// two-factor must fail closed, never quietly turn into password-only sign-in.
    /// </summary>
    public override async Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, InternalLoginProvider, AuthenticatorKeyName, cancellationToken);
        return string.IsNullOrEmpty(stored) ? null : _keyProtector.Unprotect(stored);
    }

    /// <summary>Replaces the codes in the context; saved with the user by UserManager's update, as Identity does.</summary>
    public override async Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken)
    {
        var tokens = Context.Set<IdentityUserToken<Guid>>();
        tokens.RemoveRange(await SecretsOf(user).Where(t => t.Name.StartsWith(RecoveryCodeNamePrefix)).ToListAsync(cancellationToken));
        foreach (var hash in recoveryCodes.Select(RecoveryCodes.Hash).Distinct(StringComparer.Ordinal))
        {
            tokens.Add(CreateUserToken(user, InternalLoginProvider, RecoveryCodeNamePrefix + hash, null));
        }
    }

    /// <summary>
    /// One DELETE of the code's row, at once: of two requests redeeming the same code, the database lets only one
    /// delete the row, so only one succeeds.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        var name = RecoveryCodeNamePrefix + RecoveryCodes.Hash(code);
        return await SecretsOf(user).Where(t => t.Name == name).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    public override Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken)
        => SecretsOf(user).CountAsync(t => t.Name.StartsWith(RecoveryCodeNamePrefix), cancellationToken);

    /// <summary>Removes the authenticator key and every recovery code in the context; saved with the user's next update.</summary>
    public async Task RemoveTwoFactorSecretsAsync(AppUser user, CancellationToken cancellationToken)
    {
        var secrets = await SecretsOf(user)
            .Where(t => t.Name == AuthenticatorKeyName || t.Name.StartsWith(RecoveryCodeNamePrefix))
            .ToListAsync(cancellationToken);
        Context.Set<IdentityUserToken<Guid>>().RemoveRange(secrets);
    }
}
