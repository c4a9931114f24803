using System.Text.RegularExpressions;
using System.Xml.Linq;
using ProfilePortal.Web.Features.Localization;

namespace ProfilePortal.Tests.Features.Localization;

/// <summary>
/// Every interface language (SPEC 2.8) has a complete translation: exactly the English file's keys, each translation
/// with the same placeholders as the English text, none empty.
/// </summary>
public partial class TranslationFilesTests
{
    public static TheoryData<string> Translations()
        => new(LocalizationSetup.SupportedCultures.Where(c => c != LocalizationSetup.SupportedCultures[0]));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_HasExactlyTheEnglishKeys(string culture)
    {
        var english = Read(null);
        var translated = Read(culture);

        var missing = english.Keys.Where(k => !translated.ContainsKey(k)).ToList();
        var extra = translated.Keys.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"{culture} lacks {missing.Count} keys (python3 scripts/update-resources.py --missing {culture}):\n" + string.Join("\n", missing.Take(20)));
        Assert.True(extra.Count == 0, $"{culture} has keys the English file does not:\n" + string.Join("\n", extra));
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_KeepsEveryPlaceholderAndIsNeverEmpty(string culture)
    {
        var english = Read(null);
        var wrong = Read(culture)
            .Where(e => english.ContainsKey(e.Key))
            .Where(e => string.IsNullOrWhiteSpace(e.Value) || !Placeholders(e.Value).SequenceEqual(Placeholders(english[e.Key])))
            .Select(e => $"{e.Key} → {e.Value}")
            .ToList();

        Assert.True(wrong.Count == 0, $"{culture}: placeholders differ from the English text or the value is empty:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void EveryTranslationFile_IsASupportedCulture()
    {
        var files = Directory.EnumerateFiles(ResourcesFolder, "SharedResource.*.resx")
            .Select(f => Path.GetFileName(f)["SharedResource.".Length..^".resx".Length]);

        Assert.All(files, culture => Assert.Contains(culture, LocalizationSetup.SupportedCultures));
    }

    [Fact]
    public void Placeholders_AreComparedWithTheirFormat()
    {
        // The check itself: a reordered placeholder is fine, a lost or renumbered one is not.
        Assert.Equal(Placeholders("{0} of {1:N0}"), Placeholders("{1:N0} のうち {0}"));
        Assert.NotEqual(Placeholders("{0} of {1}"), Placeholders("{0} de {0}"));
        Assert.NotEqual(Placeholders("{0:N0}"), Placeholders("{0}"));
    }

    private static string ResourcesFolder => Path.Combine(SharedResourceTests.RepositoryRoot(), "src", "ProfilePortal.Web", "Resources");

    internal static Dictionary<string, string> Read(string? culture)
    {
        var file = Path.Combine(ResourcesFolder, culture is null ? "SharedResource.resx" : $"SharedResource.{culture}.resx");
        if (!File.Exists(file)) return [];
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
