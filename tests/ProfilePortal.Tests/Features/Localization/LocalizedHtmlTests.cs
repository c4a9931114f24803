using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Tests.Features.Localization;

public class LocalizedHtmlTests
{
    // As the app configures it (WebSetup, WebEncoderOptions): every script is written as is, markup characters are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Render(string translation, string name)
    {
        var html = LocalizedHtml.Format(new LocalizedString("Your username is {0}.", translation), _ => new HtmlString($"<strong>{Encoder.Encode(name)}</strong>"));
        using var writer = new StringWriter();
        html.WriteTo(writer, Encoder);
        return writer.ToString();
    }

    [Fact]
    public void TheTranslationPlacesTheMarkupAndItsOwnPunctuation()
    {
        Assert.Equal("Your username is <strong>ada</strong>.", Render("Your username is {0}.", "ada"));
        // Japanese puts the name first and ends with its own full stop, not an ASCII period after the markup.
        Assert.Equal("<strong>ada</strong> がユーザー名です。", Render("{0} がユーザー名です。", "ada"));
    }

    [Fact]
    public void TextAroundTheMarkupIsEncoded()
        => Assert.Equal("&lt;b&gt; <strong>&lt;i&gt;</strong> &amp;", Render("<b> {0} &", "<i>"));
}
