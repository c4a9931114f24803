namespace ProfilePortal.Imaging.Libvips;

/// <summary>
/// A libvips call failed. The message carries libvips' error text for logs only: the error
/// buffer is shared by the whole process, so under concurrency it may hold another call's text.
/// </summary>
public sealed class VipsException : Exception
{
    public VipsException()
    {
    }

    public VipsException(string message)
        : base(message)
    {
    }

    public VipsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
