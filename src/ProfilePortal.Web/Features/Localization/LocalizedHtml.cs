using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ProfilePortal.Web.Features.Localization;

/// <summary>
/// A translated sentence with markup in it ("Your username is {0}." with the name in bold): the translation decides
/// where the markup goes and the punctuation around it (a Japanese full stop), instead of English word order being
/// built from fragments. The text is encoded; only the argument's markup is kept.
/// </summary>
public static class LocalizedHtml
{
    public static IHtmlContent Format(LocalizedString format, Func<object?, IHtmlContent> argument)
    {
        var parts = format.Value.Split("{0}", 2);
        var builder = new HtmlContentBuilder();
        builder.Append(parts[0]);
        if (parts.Length == 2)
        {
            builder.AppendHtml(argument(null));
            builder.Append(parts[1]);
        }

        return builder;
    }
}
