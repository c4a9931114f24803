namespace ProfilePortal.Web.Features.Security;

/// <summary>What a password reset by email link takes away from whoever else may hold the account (section "Security").</summary>
public sealed class AccountRecoveryOptions
{
    public const string Section = "Security";

    /// <summary>A reset revokes every active API token too (every session always ends).</summary>
    public bool ResetRevokesTokens { get; set; } = true;
}
