using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.People;
using ProfilePortal.Web.Features.Validation;

namespace ProfilePortal.Web.Features.Preferences;

/// <summary>Reads and saves a person's preferences (SPEC 2.8).</summary>
public sealed class PreferencesService(UserManager<AppUser> userManager, IValidator<PreferencesInput> validator)
{
    public static PreferencesInput InputFor(AppUser user) => new()
    {
        Language = user.PreferredLanguage ?? "",
        Appearance = user.Appearance.ToString(),
        ShowTitle = !user.HiddenPeopleCardFields.HasFlag(PeopleCardFields.Title),
        ShowDepartment = !user.HiddenPeopleCardFields.HasFlag(PeopleCardFields.Department),
        ShowBio = !user.HiddenPeopleCardFields.HasFlag(PeopleCardFields.Bio),
        ShowLocalTime = !user.HiddenPeopleCardFields.HasFlag(PeopleCardFields.LocalTime),
    };

    /// <summary>
    /// Saves through UserManager, which changes the account's stamp: every session of the person rebuilds its claims
    /// (language, appearance) at its next request, so the choice applies on every device at once.
    /// </summary>
    public async Task<ValidationResult> SaveAsync(AppUser user, PreferencesInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid) return validation;

        user.PreferredLanguage = string.IsNullOrEmpty(input.Language) ? null : input.Language;
        user.Appearance = Enum.Parse<Appearance>(input.Appearance!);
        var hidden = PeopleCardFields.None;
        if (!input.ShowTitle) hidden |= PeopleCardFields.Title;
        if (!input.ShowDepartment) hidden |= PeopleCardFields.Department;
        if (!input.ShowBio) hidden |= PeopleCardFields.Bio;
        if (!input.ShowLocalTime) hidden |= PeopleCardFields.LocalTime;
        user.HiddenPeopleCardFields = hidden;

        var result = await userManager.UpdateAsync(user);
        return result.Succeeded ? new ValidationResult() : result.ToValidationResult(field: "");
    }
}
