using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Avatars;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Administration;

public sealed class ChangeEmailInput
{
    public string? Email { get; set; }

    /// <summary>The administrator vouches for the address (e.g. they checked it); otherwise it is marked unverified.</summary>
    public bool MarkVerified { get; set; }
}

/// <summary>The format rules; uniqueness (regardless of case) is checked by UserAdminService and the unique index.</summary>
public sealed class ChangeEmailInputValidator : AbstractValidator<ChangeEmailInput>
{
    public const int MaxLength = 256;

    public ChangeEmailInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Email).Custom((value, context) =>
        {
            var email = value?.Trim() ?? "";
            if (email.Length == 0)
                context.AddFailure(t["Enter an email address."]);
            else if (email.Length > MaxLength)
                context.AddFailure(t["An email address has at most {0} characters.", MaxLength]);
            else if (!IsEmail(email))
                context.AddFailure(t["Enter an email address like name@example.com."]);
        });
    }

    /// <summary>
    /// One "@" with text on both sides, a dot in the domain, and no spaces or control characters (direction overrides
    /// included: they would show the address as another one).
    /// </summary>
    public static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1) return false;
        var domain = value[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
               && !value.Any(char.IsWhiteSpace) && !TextRules.HasControlCharacters(value);
    }
}

public sealed class LockInput
{
    /// <summary>The lock ends at the start of this day in the administrator's time zone; empty locks until unlocked.</summary>
    public DateOnly? Until { get; set; }

    public bool EndSessions { get; set; } = true;
}

/// <summary>The date must lie after today in the administrator's time zone, passed as <see cref="TodayKey"/>.</summary>
public sealed class LockInputValidator : AbstractValidator<LockInput>
{
    public const string TodayKey = "today";

    public LockInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Until).Must((_, until, context) =>
                until is null || (context.RootContextData.TryGetValue(TodayKey, out var today) && today is DateOnly day && until > day))
            .WithMessage(_ => t["Choose a day after today, or leave the date empty to lock until unlocked."]);
    }
}

/// <summary>A name of an organization or department.</summary>
public sealed class NameInput
{
    public string? Name { get; set; }
}

public sealed class NameInputValidator : AbstractValidator<NameInput>
{
    public const int MaxLength = 200;

    public NameInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Name).Custom((value, context) => CheckName(value, context, t));

    /// <summary>The rule of every organization and department name.</summary>
    public static void CheckName<T>(string? value, ValidationContext<T> context, IStringLocalizer t)
    {
        var name = value?.Trim() ?? "";
        if (name.Length == 0)
            context.AddFailure(t["Enter a name."]);
        else if (TextRules.Length(name) > MaxLength)
            context.AddFailure(t["A name has at most {0} characters.", MaxLength]);
        else if (TextRules.HasControlCharacters(name))
            context.AddFailure(t["Remove control characters and direction overrides from the name."]);
    }
}

/// <summary>A department's name, as the organization page posts it (beside the organization's own name).</summary>
public sealed class DepartmentNameInput
{
    public string? DepartmentName { get; set; }
}

public sealed class DepartmentNameInputValidator : AbstractValidator<DepartmentNameInput>
{
    public DepartmentNameInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.DepartmentName).Custom((value, context) => NameInputValidator.CheckName(value, context, t));
}

/// <summary>An organization's logo upload.</summary>
public sealed class LogoInput
{
    public IFormFile? Logo { get; set; }
}

public sealed class LogoInputValidator : AbstractValidator<LogoInput>
{
    public LogoInputValidator(IStringLocalizer<SharedResource> t)
        => RuleFor(x => x.Logo).Custom((file, context) => AvatarInputValidator.CheckUpload(file, context, t));
}
