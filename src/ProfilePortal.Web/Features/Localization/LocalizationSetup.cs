using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProfilePortal.Web.Features.Hosting;

namespace ProfilePortal.Web.Features.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// The interface languages of SPEC 2.8, in the order the language choosers list them. English is the neutral
    /// resource (Resources/SharedResource.resx); every other culture has a complete SharedResource.{culture}.resx.
    /// Chinese is chosen by script, so zh-TW/zh-HK reach zh-Hant and zh-CN/zh-SG zh-Hans through parent cultures.
    /// </summary>
    public static readonly IReadOnlyList<string> SupportedCultures =
        ["en", "es", "pt", "ar", "my", "th", "zh-Hant", "zh-Hans", "it", "de", "ru", "fr", "ja", "id", "tr", "ko", "vi", "he"];

    public static WebApplicationBuilder AddPortalLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddOptions<RequestLocalizationOptions>().Configure<IOptions<PortalOptions>>((options, portal) =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The account's choice, then this browser's choice (the switcher before sign-in), then its languages.
            options.RequestCultureProviders =
            [
                new AccountLanguageCultureProvider(),
                new CookieRequestCultureProvider
                {
                    CookieName = portal.Value.IsHttps ? PortalCookies.HostPrefix + PortalLanguages.CookieName : PortalLanguages.CookieName,
                },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // A value that does not fit its field (a date that is no date, an id that is no id) only comes from an edited
        // request. Say so under the field in the person's language, without echoing what was sent back to them.
        builder.Services.AddOptions<MvcOptions>().Configure<IStringLocalizer<SharedResource>>((options, t) =>
        {
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((_, _) => t["This value is not valid here."]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => t["This value is not valid here."]);
            messages.SetUnknownValueIsInvalidAccessor(_ => t["This value is not valid here."]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => t["This value is not valid here."]);
            messages.SetValueIsInvalidAccessor(_ => t["This value is not valid here."]);
        });
        return builder;
    }

    /// <summary>The value of the html element's dir attribute for the current UI culture.</summary>
    public static string TextDirection => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
}
