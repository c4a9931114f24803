using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Web.Features.Attributes;

/// <summary>
/// The labels the built-in attributes are seeded with (Data/Configurations/AccountAttributeConfiguration), kept here so
/// that they have translations: pages show a built-in label through the localizer (<see cref="AttributeText.Label"/>).
/// </summary>
[LocalizedTexts]
public static class BuiltInAttributeLabels
{
    public const string FormerStudent = "Former student";
    public const string ExcludeFromSync = "Exclude from sync";
}
