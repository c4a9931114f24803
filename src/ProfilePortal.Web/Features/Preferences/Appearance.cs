namespace ProfilePortal.Web.Features.Preferences;

/// <summary>The colour mode a person chose on Preferences (SPEC 2.8); System follows the device's setting.</summary>
public enum Appearance
{
    System = 0,
    Light = 1,
    Dark = 2,
}
