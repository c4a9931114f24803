using System.Globalization;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Data;

namespace ProfilePortal.Web.Features.Attributes;

/// <summary>How attributes read on the pages: built-in labels translated, types and editors named, values shown in the reader's culture.</summary>
public sealed class AttributeText(IStringLocalizer<SharedResource> t)
{
    /// <summary>Built-in labels are English texts the portal ships (and translates); labels administrators make are shown as entered.</summary>
    public string Label(AccountAttributeDefinition definition) => definition.IsBuiltIn ? t[definition.Label] : definition.Label;

    public string Type(AttributeType type) => type switch
    {
        AttributeType.YesNo => t["Yes or no"],
        AttributeType.Text => t["Text"],
        AttributeType.Date => t["Date"],
        AttributeType.Choice => t["One of a list"],
        _ => type.ToString(),
    };

    public string Editor(AttributeEditor editor) => editor switch
    {
        AttributeEditor.Administrators => t["Administrators"],
        AttributeEditor.PersonToo => t["Administrators and the person"],
        _ => editor.ToString(),
    };

    /// <summary>A stored value as a person reads it: "Yes"/"No", a date in the current culture, text as stored; empty when unset.</summary>
    public string Value(AccountAttributeDefinition definition, string? value)
    {
        if (value is null) return "";
        return definition.Type switch
        {
            AttributeType.YesNo => value == BuiltInAttributes.Yes ? t["Yes"] : t["No"],
            AttributeType.Date when DateOnly.TryParseExact(value, AttributeValueInput.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                => date.ToString("D", CultureInfo.CurrentCulture),
            _ => value,
        };
    }
}
