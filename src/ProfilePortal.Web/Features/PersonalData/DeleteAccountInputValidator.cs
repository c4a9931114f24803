using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.PersonalData;

/// <summary>The confirmation must be the person's username, exactly (passed in as <see cref="UserNameKey"/>).</summary>
public sealed class DeleteAccountInputValidator : AbstractValidator<DeleteAccountInput>
{
    /// <summary>RootContextData key of the username the confirmation must match.</summary>
    public const string UserNameKey = "UserName";

    public DeleteAccountInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Confirmation).Custom((value, context) =>
        {
            var typed = value?.Trim() ?? "";
            var userName = context.RootContextData.TryGetValue(UserNameKey, out var expected) ? expected as string : null;
            if (typed.Length == 0)
                context.AddFailure(t["Type your username to confirm."]);
            else if (!string.Equals(typed, userName, StringComparison.Ordinal))
                context.AddFailure(t["This is not your username. Nothing was deleted."]);
        });
    }
}
