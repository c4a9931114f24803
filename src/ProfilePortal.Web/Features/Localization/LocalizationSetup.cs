using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ProfilePortal.Web.Features.Localization;

public static class LocalizationSetup
{
    /// <summary>Cultures with a complete translation; English is the neutral resource (Resources/SharedResource.resx).</summary>
    public static readonly IReadOnlyList<string> SupportedCultures = ["en"];

    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
        });
        return builder;
    }

    /// <summary>The value of the html element's dir attribute for the current UI culture.</summary>
    public static string TextDirection => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
}
