namespace ProfilePortal.Web.Features.Persistence;

/// <summary>
/// Registered when no DataProtection:CertificatePath is set. Whoever can read the database (a backup, a copy of the
/// file) could then read the keys and forge sign-in cookies, so a production start says so once.
/// </summary>
public sealed partial class UnprotectedKeysWarning(IHostEnvironment environment, ILogger<UnprotectedKeysWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsProduction()) KeysNotEncrypted(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data Protection keys are stored unencrypted in the database: anyone who can read it can forge sign-in cookies. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a PFX certificate to encrypt them at rest; see docs/operations.md.")]
    private static partial void KeysNotEncrypted(ILogger logger);
}
