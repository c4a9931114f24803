namespace ProfilePortal.Web.Features.Localization;

/// <summary>
/// Marks a class whose string constants are English texts stored or passed around as they are and translated where
/// they are shown (<c>t[constant]</c>): scripts/update-resources.py adds them to SharedResource.resx, and
/// SharedResourceTests checks each has an entry.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LocalizedTextsAttribute : Attribute;
