namespace ProfilePortal.Web.Features.PersonalData;

/// <summary>What "Delete my account" does (SPEC 2.8c).</summary>
public enum AccountDeletionMode
{
    /// <summary>The account is deleted at once, after re-authentication and the typed confirmation.</summary>
    Immediate,

    /// <summary>The request waits on the person's account until an administrator approves or declines it.</summary>
    AdminApproval,
}

/// <summary>The "Accounts" section.</summary>
public sealed class AccountDeletionOptions
{
    public const string Section = "Accounts";

    public AccountDeletionMode Deletion { get; set; } = AccountDeletionMode.AdminApproval;
}
