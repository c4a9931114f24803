namespace ProfilePortal.BrowserTests.Infrastructure;

public static class RepositoryPaths
{
    /// <summary>The folder holding ProfilePortal.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProfilePortal.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No ProfilePortal.sln above {AppContext.BaseDirectory}.");
    }
}
