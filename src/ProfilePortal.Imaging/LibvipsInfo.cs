namespace ProfilePortal.Imaging;

/// <summary>Whether libvips loaded in this process, and its version; starts libvips if it has not started.</summary>
public static class LibvipsInfo
{
    public const string EngineName = "libvips";

    public static ImagingEngineStatus GetStatus()
    {
        var state = VipsRuntime.State;
        return new ImagingEngineStatus(EngineName, state.Loaded, state.Version, state.Error);
    }
}
