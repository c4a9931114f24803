using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Localization;

/// <summary>
/// Identity's error messages in the person's language. The codes stay Identity's (the services match on them); only
/// the descriptions a person could read are translated.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), t["Something went wrong. Try again."]);
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), t["The account changed meanwhile. Reload the page and try again."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), t["The password is not correct."]);
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), t["This link or code is not valid or has expired."]);
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), t["That recovery code is not valid or was already used."]);
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), t["This sign-in is already linked to an account."]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), t["Use only letters a–z, digits, dots, underscores and hyphens, starting with a letter or digit."]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), t["Enter a valid email address."]);
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), t["This username is already taken. Choose another."]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), t["Another account already uses this email."]);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), t["This role name is not valid."]);
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), t["A role with this name already exists."]);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), t["This account already has a password."]);
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), t["Lockout is not enabled for this account."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), t["The person already has the role {0}.", role]);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), t["The person does not have the role {0}.", role]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), t["Use at least {0} characters.", length]);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), t["Use at least {0} different characters.", uniqueChars]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), t["Use at least one character that is not a letter or digit."]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), t["Use at least one digit (0–9)."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), t["Use at least one lower-case letter (a–z)."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), t["Use at least one upper-case letter (A–Z)."]);
}
