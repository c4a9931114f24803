using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Accounts;
using ProfilePortal.Web.Features.Administration;
using ProfilePortal.Web.Features.SecurityLog;
using QRCoder;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>Where a person's two-factor authentication stands, for their settings and the administrator's view.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool SetupStarted, int RecoveryCodesLeft);

/// <summary>What the person copies into an authenticator app: the key in groups of four, the otpauth URI and its QR code.</summary>
public sealed record AuthenticatorSetup(string GroupedKey, string Account, string Issuer, string Uri, string QrCodeDataUri);

/// <summary>
/// Two-factor authentication with an authenticator app (SPEC 2.4): set up, confirm with a code, recovery codes, turn
/// off, administrator reset. Each change lands in the person's security log.
/// </summary>
public sealed partial class TwoFactorService(
    UserManager<AppUser> users,
    PortalUserStore store,
    SecurityLogService securityLog,
    AdminAuditService audit,
    IOptions<TwoFactorOptions> options,
    ILogger<TwoFactorService> logger)
{
    public async Task<TwoFactorStatus> StatusAsync(AppUser user)
    {
        var enabled = await users.GetTwoFactorEnabledAsync(user);
        var started = !enabled && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        return new TwoFactorStatus(enabled, started, enabled ? await users.CountRecoveryCodesAsync(user) : 0);
    }

    /// <summary>A new key for the app, replacing any earlier unconfirmed one; nothing changes for a person who has it on.</summary>
    public async Task<IdentityResult> StartSetupAsync(AppUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return IdentityResult.Success;
        return await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>The key being set up; null when no setup was started or two-factor is already on.</summary>
    public async Task<AuthenticatorSetup?> SetupAsync(AppUser user)
    {
        if (await users.GetTwoFactorEnabledAsync(user)) return null;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return null;

        var issuer = options.Value.Issuer;
        var account = user.Email ?? user.UserName ?? "";
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}" +
                  $"?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={Totp.Digits}&period={(int)Totp.Period.TotalSeconds}";
        return new AuthenticatorSetup(GroupKey(key), account, issuer, uri, QrCodeDataUri(uri));
    }

    /// <summary>
    /// Turns two-factor on when the code matches the key being set up; the ten recovery codes to show once, or null when
    /// the code is wrong (then nothing changes).
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(AppUser user, string code)
    {
        if (await users.GetTwoFactorEnabledAsync(user) || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))) return null;
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)) return null;

        await users.SetTwoFactorEnabledAsync(user, true);
        await securityLog.RecordAsync(user.Id, SecurityEventType.TwoFactorEnabled);
        LogEnabled(logger, user.Id);
        return await NewRecoveryCodesAsync(user);
    }

    /// <summary>Ten new recovery codes; the old ones stop working.</summary>
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(AppUser user)
    {
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes.Count))?.ToList()
                    ?? throw new InvalidOperationException("The recovery codes could not be saved.");
        await securityLog.RecordAsync(user.Id, SecurityEventType.RecoveryCodesGenerated);
        return codes;
    }

    /// <summary>Turns two-factor off and forgets the key and the recovery codes: turning it on again starts afresh.</summary>
    public async Task TurnOffAsync(AppUser user)
    {
        await RemoveAsync(user);
        await securityLog.RecordAsync(user.Id, SecurityEventType.TwoFactorDisabled);
        LogDisabled(logger, user.Id);
    }

    /// <summary>An administrator's reset (a person who lost their phone and their codes): as turning off, audited.</summary>
    public async Task ResetByAdministratorAsync(Guid actorId, AppUser user, CancellationToken cancellationToken)
    {
        await RemoveAsync(user, cancellationToken);
        await audit.RecordOnPersonAsync(actorId, AdminAction.TwoFactorReset, user.Id, SecurityEventType.TwoFactorResetByAdmin, cancellationToken: cancellationToken);
        LogReset(logger, actorId, user.Id);
    }

    /// <summary>Key, codes, last accepted step and the switch, in one save (SetTwoFactorEnabledAsync saves the user).</summary>
    private async Task RemoveAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        await store.RemoveTwoFactorSecretsAsync(user, cancellationToken);
        user.LastAuthenticatorTimeStep = null;
        var result = await users.SetTwoFactorEnabledAsync(user, false);
        if (!result.Succeeded) throw new InvalidOperationException("Two-factor could not be turned off: " + string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    /// <summary>"ABCD EFGH ...": easier to type from the screen.</summary>
    public static string GroupKey(string key)
        => string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4))));

    /// <summary>A PNG as a data: URI: the CSP allows data: images, and no script or extra request is needed.</summary>
    private static string QrCodeDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-factor authentication on")]
    private static partial void LogEnabled(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} turned two-factor authentication off")]
    private static partial void LogDisabled(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Administrator {ActorId} reset the two-factor authentication of user {UserId}")]
    private static partial void LogReset(ILogger logger, Guid actorId, Guid userId);
}
