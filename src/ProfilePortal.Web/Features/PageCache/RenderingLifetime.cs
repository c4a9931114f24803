namespace ProfilePortal.Web.Features.PageCache;

/// <summary>
/// A kept page's own say: its GET handler calls <see cref="Allow"/> with the moment its rendering stops being true
/// without any write (a lock that ends, a time zone offset list that changes on the hour). Without that call nothing is
/// kept.
/// </summary>
public sealed class RenderingLifetime
{
    public DateTimeOffset? KeepUntil { get; private set; }

    /// <summary>Lets this request's rendering be kept until <paramref name="until"/> (the earliest of several calls).</summary>
    public static void Allow(HttpContext context, DateTimeOffset until)
    {
        if (context.Features.Get<RenderingLifetime>() is not { } lifetime) return;
        lifetime.KeepUntil = lifetime.KeepUntil is { } earlier && earlier < until ? earlier : until;
    }
}
