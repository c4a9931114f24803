using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Features.Profile;

namespace ProfilePortal.Web.Features.Attributes;

/// <summary>An attribute definition as /Admin/Attributes posts it. Key and type are chosen once, at creation.</summary>
public sealed class AttributeDefinitionInput
{
    public string? Key { get; set; }
    public string? Label { get; set; }
    public AttributeType? Type { get; set; }
    public AttributeEditor? EditableBy { get; set; } = AttributeEditor.Administrators;
    public bool ShownOnProfile { get; set; }

    /// <summary>The choices of a list attribute, one per line (a textarea).</summary>
    public string? Choices { get; set; }

    /// <summary>The choices as stored: each line trimmed, empty lines left out, in the order given.</summary>
    public IReadOnlyList<string> ChoiceList()
        => (TextRules.NormalizeNewLines(Choices) ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
}

/// <summary>
/// The format rules of a definition; uniqueness of key and label (regardless of case) is checked by
/// <see cref="AccountAttributeService"/> and the unique index on the key.
/// </summary>
public sealed partial class AttributeDefinitionInputValidator : AbstractValidator<AttributeDefinitionInput>
{
    public const int KeyMinLength = 2;

    public AttributeDefinitionInputValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Key).Custom((value, context) =>
        {
            var key = value?.Trim() ?? "";
            if (key.Length == 0)
                context.AddFailure(t["Enter a key."]);
            else if (key.Length < KeyMinLength || key.Length > AccountAttributeDefinition.KeyMaxLength || !KeyPattern().IsMatch(key))
                context.AddFailure(t["A key has {0} to {1} characters: a lower-case letter first, then lower-case letters, digits or underscores.", KeyMinLength, AccountAttributeDefinition.KeyMaxLength]);
        });

        RuleFor(x => x.Label).Custom((value, context) =>
        {
            var label = value?.Trim() ?? "";
            if (label.Length == 0)
                context.AddFailure(t["Enter a label."]);
            else if (TextRules.Length(label) > AccountAttributeDefinition.LabelMaxLength)
                context.AddFailure(t["A label has at most {0} characters.", AccountAttributeDefinition.LabelMaxLength]);
            else if (TextRules.HasControlCharacters(label))
                context.AddFailure(t["Remove control characters and direction overrides from the label."]);
        });

        RuleFor(x => x.Type).Must(type => type is { } value && Enum.IsDefined(value)).WithMessage(_ => t["Choose a type."]);
        RuleFor(x => x.EditableBy).Must(editor => editor is { } value && Enum.IsDefined(value)).WithMessage(_ => t["Choose who may set the value."]);

        // A value the person may set but never sees would be set blindly: editing by the person implies showing it.
        RuleFor(x => x.ShownOnProfile).Must((input, shown) => shown || input.EditableBy != AttributeEditor.PersonToo)
            .WithMessage(_ => t["An attribute the person may set is shown on their profile."]);

        RuleFor(x => x.Choices).Custom((_, context) =>
        {
            var input = context.InstanceToValidate;
            var choices = input.ChoiceList();
            if (input.Type != AttributeType.Choice)
            {
                if (choices.Count > 0) context.AddFailure(t["Only a list attribute has choices; leave this empty."]);
                return;
            }

            if (choices.Count == 0)
                context.AddFailure(t["Enter the choices, one per line."]);
            else if (choices.Count > AccountAttributeDefinition.MaxChoices)
                context.AddFailure(t["A list has at most {0} choices.", AccountAttributeDefinition.MaxChoices]);
            else if (choices.FirstOrDefault(c => TextRules.Length(c) > AccountAttributeDefinition.ChoiceMaxLength) is { } tooLong)
                context.AddFailure(t["A choice has at most {0} characters: {1}", AccountAttributeDefinition.ChoiceMaxLength, tooLong[..Math.Min(tooLong.Length, 40)] + "…"]);
            else if (choices.Any(c => TextRules.HasControlCharacters(c)))
                context.AddFailure(t["Remove control characters and direction overrides from the choices."]);
            else if (choices.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
                context.AddFailure(t["The choice {0} is listed twice.", duplicate.Key]);
        });
    }

    [GeneratedRegex(@"^[a-z][a-z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
