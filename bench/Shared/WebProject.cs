namespace BenchShared;

/// <summary>Where src/ProfilePortal.Web is, for bench hosts that run the real app through WebApplicationFactory.</summary>
internal static class WebProject
{
    /// <summary>The factory would look for the content root next to the solution file: the bench hosts point it at src/.</summary>
    public static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "ProfilePortal.Web");
            if (File.Exists(Path.Combine(candidate, "ProfilePortal.Web.csproj"))) return candidate;
        }

        throw new DirectoryNotFoundException("src/ProfilePortal.Web not found above " + AppContext.BaseDirectory);
    }
}
