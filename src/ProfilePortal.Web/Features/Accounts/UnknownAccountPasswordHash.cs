using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Accounts;

/// <summary>
/// A hash of a random password, made once with the app's own hasher (so at the same cost as a stored one), that a
/// sign-in with an unknown login is verified against.
/// </summary>
public sealed class UnknownAccountPasswordHash
{
    private string? _hash;

    public string Get(IPasswordHasher<AppUser> hasher)
        => LazyInitializer.EnsureInitialized(ref _hash, () => hasher.HashPassword(new AppUser(), RandomNumberGenerator.GetHexString(32)));
}
