namespace ProfilePortal.Web;

/// <summary>
/// Marker for the one resource file that holds every UI string (Resources/SharedResource.resx, English).
/// One file per language keeps translation in one place; the key is the English text.
/// </summary>
public sealed class SharedResource;
