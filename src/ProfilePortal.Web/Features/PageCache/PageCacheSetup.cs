namespace ProfilePortal.Web.Features.PageCache;

/// <summary>Configuration section RenderedPageCache.</summary>
public sealed class RenderedPageCacheOptions
{
    public const string Section = "RenderedPageCache";

    /// <summary>Off: every page renders on every request (for comparison and diagnosis).</summary>
    public bool Enabled { get; set; } = true;
}

public static class PageCacheSetup
{
    public static WebApplicationBuilder AddPageCacheFeature(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RenderedPageCacheOptions>().Bind(builder.Configuration.GetSection(RenderedPageCacheOptions.Section));
        builder.Services.AddSingleton<RenderedPageCache>();
        return builder;
    }
}
