using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.TwoFactor;

/// <summary>The one rule for what an authenticator code looks like: six digits, spaces and dashes allowed.</summary>
public static class AuthenticatorCodeRule
{
    public static bool IsWellFormed(string? code)
    {
        var normalized = ReplayRefusingAuthenticatorTokenProvider.Normalize(code);
        return normalized.Length == Totp.Digits && normalized.All(char.IsAsciiDigit);
    }

    public static IRuleBuilderOptions<T, string?> AuthenticatorCode<T>(this IRuleBuilder<T, string?> rule, IStringLocalizer t)
        => rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => t["Enter the 6-digit code from your authenticator app."])
            .Must(v => string.IsNullOrWhiteSpace(v) || IsWellFormed(v)).WithMessage(_ => t["The code is 6 digits."]);
}

public sealed class AuthenticatorCodeInputValidator : AbstractValidator<AuthenticatorCodeInput>
{
    public AuthenticatorCodeInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Code).AuthenticatorCode(t);
}

public sealed class LoginWith2faInputValidator : AbstractValidator<LoginWith2faInput>
{
    public LoginWith2faInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Code).AuthenticatorCode(t);
}

public sealed class RecoveryCodeInputValidator : AbstractValidator<RecoveryCodeInput>
{
    public RecoveryCodeInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Code).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => t["Enter one of your recovery codes."]);
}

public sealed class TurnOffTwoFactorInputValidator : AbstractValidator<TurnOffTwoFactorInput>
{
    public TurnOffTwoFactorInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Code).Must((input, _) => !string.IsNullOrWhiteSpace(input.Code) || !string.IsNullOrEmpty(input.Password))
            .WithMessage(_ => t["Enter a code from your authenticator app or your password."]);
        RuleFor(x => x.Code).Must(v => AuthenticatorCodeRule.IsWellFormed(v)).When(x => !string.IsNullOrWhiteSpace(x.Code))
            .WithMessage(_ => t["The code is 6 digits."]);
    }
}
