using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Attributes;

/// <summary>One value of one attribute, as a page, the API or provisioning sends it; empty or null clears it.</summary>
public sealed record AttributeValueInput(AccountAttributeDefinition Definition, string? Value)
{
    public const string DateFormat = "yyyy-MM-dd";

    public bool Clears => string.IsNullOrWhiteSpace(Value);

    /// <summary>The stored (canonical) form of a valid value, as Data/AccountAttributes.cs documents it; null clears.</summary>
    public string? Canonical()
    {
        if (Clears) return null;
        var value = Value!.Trim();
        return Definition.Type switch
        {
            AttributeType.YesNo => value.ToLowerInvariant(),
            AttributeType.Date => DateOnly.ParseExact(value, DateFormat, CultureInfo.InvariantCulture).ToString(DateFormat, CultureInfo.InvariantCulture),
            AttributeType.Choice => Value,
            _ => value,
        };
    }
}

/// <summary>Every value checked by its attribute's type (SPEC 2.9a); the message goes under the field that sent it.</summary>
public sealed class AttributeValueInputValidator : AbstractValidator<AttributeValueInput>
{
    public AttributeValueInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Value).Custom((raw, context) =>
        {
            var input = context.InstanceToValidate;
            if (input.Clears) return;
            var value = raw!.Trim();
            var definition = input.Definition;
            switch (definition.Type)
            {
                case AttributeType.YesNo:
                    if (!string.Equals(value, BuiltInAttributes.Yes, StringComparison.OrdinalIgnoreCase) && !string.Equals(value, BuiltInAttributes.No, StringComparison.OrdinalIgnoreCase))
                        context.AddFailure(t["Choose yes or no."]);
                    break;
                case AttributeType.Text:
                    if (TextRules.Length(value) > AccountAttributeDefinition.TextMaxLength)
                        context.AddFailure(t["A value has at most {0} characters.", AccountAttributeDefinition.TextMaxLength]);
                    else if (TextRules.HasControlCharacters(value))
                        context.AddFailure(t["Remove control characters and direction overrides from the value."]);
                    break;
                case AttributeType.Date:
                    if (!DateOnly.TryParseExact(value, AttributeValueInput.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                        context.AddFailure(t["Enter a date as year-month-day, for example 2026-09-01."]);
                    break;
                case AttributeType.Choice:
                    if (!definition.Choices.Contains(raw, StringComparer.Ordinal))
                        context.AddFailure(t["Choose one of the listed values."]);
                    break;
                default:
                    context.AddFailure(t["This attribute cannot be set."]);
                    break;
            }
        });
    }
}

/// <summary>
/// The small form that sets one attribute's value (a person's page for administrators, the profile for the person),
/// bound as "Attribute.*" beside the page's own Input; its errors go under "Attribute.Value".
/// </summary>
public sealed class AttributeValueForm
{
    public const string Prefix = "Attribute";

    public Guid? AttributeId { get; set; }
    public string? Value { get; set; }
}

/// <summary>What Pages/Shared/_AttributeValueField renders: one attribute's input by its type, with its message when refused.</summary>
public sealed record AttributeFieldModel(AccountAttributeDefinition Definition, string Label, string? Value, string? Error)
{
    /// <summary>The options of a yes/no or list attribute's select: (stored value, text shown).</summary>
    public IReadOnlyList<(string Value, string Text)> Options(string yes, string no)
        => Definition.Type == AttributeType.YesNo
            ? [(BuiltInAttributes.Yes, yes), (BuiltInAttributes.No, no)]
            : Definition.Choices.Select(c => (c, c)).ToList();
}
