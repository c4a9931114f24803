using System.Globalization;
using ProfilePortal.Web.Features.Avatars;

namespace ProfilePortal.Tests.Features.Avatars;

public class InitialsAvatarTests
{
    [Theory]
    [InlineData("Ada", "Lovelace", "AL")]
    [InlineData("émile", "zola", "ÉZ")]
    [InlineData("  ", "Lovelace", "L")]
    [InlineData("", "", "?")]
    public void Initials_FromNames(string first, string last, string expected)
        => Assert.Equal(expected, InitialsAvatar.Initials(first, last));

    [Fact]
    public void BackgroundColor_SameIdSameColourAndWhiteTextPassesAaContrast()
    {
        for (var i = 0; i < 2000; i++)
        {
            var id = Guid.NewGuid();
            var color = InitialsAvatar.BackgroundColor(id);
            Assert.Equal(color, InitialsAvatar.BackgroundColor(id));
            Assert.True(ContrastWithWhite(color) >= 4.5, $"{color} has contrast {ContrastWithWhite(color):F2} with white");
        }
    }

    [Fact]
    public void Svg_EncodesInitialsAndHasNoScript()
    {
        var svg = InitialsAvatar.Svg(Guid.NewGuid(), "<b>", "&", 64);

        Assert.Contains("&lt;&amp;", svg);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("width=\"64\"", svg);
    }

    private static double ContrastWithWhite(string hex)
    {
        double Channel(int offset)
        {
            var c = int.Parse(hex.AsSpan(offset, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = 0.2126 * Channel(1) + 0.7152 * Channel(3) + 0.0722 * Channel(5);
        return 1.05 / (luminance + 0.05);
    }
}
