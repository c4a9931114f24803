namespace ProfilePortal.Web.Features.Preferences;

/// <summary>The Preferences form (SPEC 2.8): interface language, colour mode, and what colleagues see on the People card.</summary>
public sealed class PreferencesInput
{
    /// <summary>A supported culture name, or empty for "the browser's language".</summary>
    public string? Language { get; set; }

    /// <summary>An <see cref="Preferences.Appearance"/> name; bound as text so a wrong value gets one clear message.</summary>
    public string? Appearance { get; set; }

    public bool ShowTitle { get; set; } = true;
    public bool ShowDepartment { get; set; } = true;
    public bool ShowBio { get; set; } = true;
    public bool ShowLocalTime { get; set; } = true;
}
