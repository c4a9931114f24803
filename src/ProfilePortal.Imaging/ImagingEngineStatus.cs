namespace ProfilePortal.Imaging;

/// <summary>Health of the image engine: whether it loaded, and its version or the load error.</summary>
public sealed record ImagingEngineStatus(string Engine, bool Available, string? Version, string? Error);
