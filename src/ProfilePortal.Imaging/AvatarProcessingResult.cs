namespace ProfilePortal.Imaging;

/// <summary>One encoded image in <see cref="ContentType"/>: a square avatar, or a whole image (<see cref="IAvatarImageProcessor.ProcessWhole"/>).</summary>
public sealed record AvatarImage(int Width, int Height, byte[] Data)
{
    /// <summary>The longer side: the edge of a square avatar.</summary>
    public int Size => Math.Max(Width, Height);

    public string ContentType => "image/webp";
}

/// <summary>The outcome of <see cref="IAvatarImageProcessor.Process"/> or <see cref="IAvatarImageProcessor.ProcessWhole"/>: images, or a reason and a message.</summary>
public sealed class AvatarProcessingResult
{
    private AvatarProcessingResult(
        IReadOnlyList<AvatarImage> images, AvatarFailureReason? failure, string? message, SourceImageInfo? source)
    {
        Images = images;
        Failure = failure;
        Message = message;
        Source = source;
    }

    public bool Succeeded => Failure is null;

    /// <summary>The encoded images in the order the sizes were asked for; empty on failure.</summary>
    public IReadOnlyList<AvatarImage> Images { get; }

    public AvatarFailureReason? Failure { get; }

    /// <summary>A sentence for the person when refused; null on success.</summary>
    public string? Message { get; }

    /// <summary>What was read from the upload's header, when it got that far.</summary>
    public SourceImageInfo? Source { get; }

    /// <summary>A diagnostic for logs (engine error text); never shown to the person.</summary>
    public string? Diagnostic { get; private init; }

    public static AvatarProcessingResult Success(IReadOnlyList<AvatarImage> images, SourceImageInfo source) =>
        new(images, null, null, source);

    public static AvatarProcessingResult Fail(
        AvatarFailureReason reason, string message, SourceImageInfo? source = null, string? diagnostic = null) =>
        new([], reason, message, source) { Diagnostic = diagnostic };

    /// <summary>The image of the given size; throws when the result has none.</summary>
    public AvatarImage ImageOfSize(int size) =>
        Images.FirstOrDefault(i => i.Size == size)
        ?? throw new InvalidOperationException($"No {size}px image in this result ({(Succeeded ? "sizes differ" : Failure.ToString())}).");
}

/// <summary>The upload's format and its upright dimensions.</summary>
public sealed record SourceImageInfo(SourceImageFormat Format, int Width, int Height);
