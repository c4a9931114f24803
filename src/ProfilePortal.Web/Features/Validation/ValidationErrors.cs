using System.Text.Json;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ProfilePortal.Web.Features.Validation;

/// <summary>
/// The one way validation errors reach the person. Validators and services speak FluentValidation's
/// <see cref="ValidationResult"/> with property names relative to their input ("FirstName"); pages copy it into
/// ModelState under the bound input's name ("Input.FirstName", shown under the field), the API into its problem
/// details. A failure without a property name belongs to the whole form (shown above it).
/// </summary>
public static class ValidationErrors
{
    /// <summary>The name pages bind their input under (<c>[BindProperty] Input</c>).</summary>
    public const string InputPrefix = "Input";

    /// <summary>Copies every failure into <paramref name="modelState"/>; true when there was none.</summary>
    public static bool AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix = InputPrefix)
    {
        foreach (var failure in result.Errors)
        {
            var key = string.IsNullOrEmpty(failure.PropertyName) ? string.Empty : $"{prefix}.{failure.PropertyName}";
            modelState.AddModelError(key, failure.ErrorMessage);
        }

        return result.IsValid;
    }

    /// <summary>The errors of an API problem details body: keyed by the JSON (camelCase) field name, in order.</summary>
    public static Dictionary<string, string[]> ToProblemErrors(this ValidationResult result)
        => result.Errors.GroupBy(f => JsonNamingPolicy.CamelCase.ConvertName(f.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray(), StringComparer.Ordinal);

    /// <summary>One failure of <paramref name="field"/> (empty: of the whole form).</summary>
    public static ValidationResult Failure(string field, string message) => new([new ValidationFailure(field, message)]);

    /// <summary>
    /// Identity's errors (its password rules, a duplicate or invalid name or email) as failures of the field the
    /// change was about, with Identity's descriptions as messages.
    /// </summary>
    public static ValidationResult ToValidationResult(this IdentityResult result, string field)
        => new(result.Errors.Select(e => new ValidationFailure(field, e.Description) { ErrorCode = e.Code }));
}
