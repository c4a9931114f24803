using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ProfilePortal.Tests.Features.Localization;

/// <summary>Every UI string goes through the localizer, and every key the code uses has an English resource.</summary>
public partial class SharedResourceTests
{
    private static readonly string WebRoot = Path.Combine(RepositoryRoot(), "src", "ProfilePortal.Web");

    [Fact]
    public void EveryLocalizerKeyInCodeAndViews_HasAnEnglishResource()
    {
        var resource = XDocument.Load(Path.Combine(WebRoot, "Resources", "SharedResource.resx"));
        var keys = resource.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var used = SourceFiles()
            .SelectMany(file => LocalizerKey().Matches(File.ReadAllText(file)).Select(m => (File: file, Key: Regex.Unescape(m.Groups[1].Value))))
            .ToList();

        Assert.NotEmpty(used);
        var missing = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{Path.GetFileName(u.File)}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "Add these to Resources/SharedResource.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void DynamicKeys_MenusAndRoles_HaveEnglishResources()
    {
        var resource = XDocument.Load(Path.Combine(WebRoot, "Resources", "SharedResource.resx"));
        var keys = resource.Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var dynamicKeys = ProfilePortal.Web.Features.Settings.SettingsNavigation.Items.Select(i => i.Label)
            .Concat(ProfilePortal.Web.Features.Administration.AdminNavigation.Items.Select(i => i.Label))
            .Concat(ProfilePortal.Web.Data.Roles.Seeded.Select(r => r.Name))
            .Concat(ProfilePortal.Web.Data.Roles.Seeded.Select(r => r.Description))
            .Concat(LocalizedTextConstants())
            .Concat(AvatarCharacterCatalogueLabels());

        Assert.All(dynamicKeys, key => Assert.Contains(key, keys));
    }

    /// <summary>The avatar creator's legends, field labels and option labels (SPEC 2.8b), shown through the localizer.</summary>
    private static IEnumerable<string> AvatarCharacterCatalogueLabels()
    {
        var groups = ProfilePortal.Web.Features.Avatars.AvatarCharacterCatalogue.Groups;
        Assert.NotEmpty(groups);
        return groups.SelectMany(g => g.Fields.SelectMany(f => f.Options.Select(o => o.Label)).Concat(g.Fields.Select(f => f.Label)).Prepend(g.Label));
    }

    /// <summary>String constants of the classes marked [LocalizedTexts] (e.g. delivery failure reasons).</summary>
    private static IEnumerable<string> LocalizedTextConstants()
    {
        var types = typeof(ProfilePortal.Web.Features.Localization.LocalizedTextsAttribute).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(ProfilePortal.Web.Features.Localization.LocalizedTextsAttribute), inherit: false))
            .ToList();
        Assert.NotEmpty(types);
        return types.SelectMany(t => t.GetFields()).Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
    }

    [Fact]
    public void Views_HaveNoBareTextOutsideTheLocalizer()
    {
        // Text between tags in a view must come from @T[...]; a bare English sentence would never be translated.
        var offenders = new List<string>();
        foreach (var file in SourceFiles().Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            text = RazorCode().Replace(text, " ");
            foreach (Match m in BareText().Matches(text))
            {
                var words = m.Groups[1].Value.Trim();
                if (words.Length > 0 && words.Any(char.IsLetter) && words != "ProfilePortal" && words != "*")
                    offenders.Add($"{Path.GetFileName(file)}: {words}");
            }
        }

        Assert.True(offenders.Count == 0, "Bare text in views:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<string> SourceFiles()
        => Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ProfilePortal.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ProfilePortal.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""(?:\b[Tt]|Localizer)\[\s*"((?:[^"\\]|\\.)*)"\s*[,\]]""")]
    private static partial Regex LocalizerKey();

    // Razor expressions, code blocks, comments and attribute values are not text a person reads as-is.
    [GeneratedRegex("""@\*[\s\S]*?\*@|@\{[\s\S]*?\n\}|@(?:await\s+)?[A-Za-z_](?:[\w.]|\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])*|@\((?:[^()]|\([^()]*\))*\)|"[^"]*"|<script[\s\S]*?</script>|<title>[\s\S]*?</title>""")]
    private static partial Regex RazorCode();

    [GeneratedRegex(">([^<>@{}]+)<")]
    private static partial Regex BareText();
}
