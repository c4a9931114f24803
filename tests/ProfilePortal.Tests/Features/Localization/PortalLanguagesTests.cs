using System.Globalization;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Tests.Features.Localization;

/// <summary>The language choosers' names are written out in the portal (not asked of ICU per process); they must stay ICU's.</summary>
public class PortalLanguagesTests
{
    public static TheoryData<string> Cultures() => new(LocalizationSetup.SupportedCultures);

    [Theory]
    [MemberData(nameof(Cultures))]
    public void NativeNameOf_EveryInterfaceLanguage_IsIcusNativeNameCapitalised(string culture)
    {
        var info = CultureInfo.GetCultureInfo(culture);
        var expected = char.ToUpper(info.NativeName[0], info) + info.NativeName[1..];

        Assert.Equal(expected, PortalLanguages.NativeNameOf(culture));
    }

    [Fact]
    public void All_ListsEveryInterfaceLanguageOnceInTheSupportedOrder()
    {
        Assert.Equal(LocalizationSetup.SupportedCultures, PortalLanguages.All.Select(l => l.Culture));
        Assert.Equal(PortalLanguages.All.Count, PortalLanguages.All.Select(l => l.NativeName).Distinct().Count());
    }

    [Fact]
    public void NativeNameOf_AnotherCulture_IsItsName() => Assert.Equal("sv", PortalLanguages.NativeNameOf("sv"));
}
