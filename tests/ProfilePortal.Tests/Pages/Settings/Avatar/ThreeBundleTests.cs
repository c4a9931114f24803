using System.Text.RegularExpressions;
using ProfilePortal.Tests.Features.Localization;

namespace ProfilePortal.Tests.Pages.Settings.Avatar;

/// <summary>
/// wwwroot/lib/three/three.avatar.min.js holds only the three.js exports avatar-character.js uses (scripts/vendor-frontend.sh
/// tree-shakes the rest away, so the creator's first frame waits for less script). A new <c>THREE.Name</c> in the
/// character script without a rerun of the vendor script would fail in the browser at the first frame; this says so
/// here, by name.
/// </summary>
public sealed partial class ThreeBundleTests
{
    private static readonly string WebRoot = Path.Combine(SharedResourceTests.RepositoryRoot(), "src", "ProfilePortal.Web", "wwwroot");

    [Fact]
    public void TheBundleExportsEveryThreeNameTheCharacterScriptUses()
    {
        var used = ThreeName().Matches(File.ReadAllText(Path.Combine(WebRoot, "js", "avatar-character.js")))
            .Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var bundle = File.ReadAllText(Path.Combine(WebRoot, "lib", "three", "three.avatar.min.js"));
        var exported = ExportList().Matches(bundle).Last().Groups[1].Value.Split(',')
            .Select(entry => entry.Split(" as ").Last().Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("WebGLRenderer", used);
        var missing = used.Except(exported).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "three.avatar.min.js lacks " + string.Join(", ", missing) + ": run scripts/vendor-frontend.sh.");
    }

    [Fact]
    public void TheCharacterScriptImportsTheBundle()
    {
        var script = File.ReadAllText(Path.Combine(WebRoot, "js", "avatar-character.js"));
        Assert.Contains("from \"../lib/three/three.avatar.min.js\"", script, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bTHREE\.([A-Za-z0-9_]+)")]
    private static partial Regex ThreeName();

    [GeneratedRegex(@"export\s*\{([^}]*)\}")]
    private static partial Regex ExportList();
}
