using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProfilePortal.Tests.Features.Localization;
using ProfilePortal.Tests.Infrastructure;
using ProfilePortal.Web.Data;
using ProfilePortal.Web.Data.CompiledModels.Postgres;
using ProfilePortal.Web.Data.CompiledModels.Sqlite;

namespace ProfilePortal.Tests.Data;

/// <summary>
/// The app runs on the EF Core models generated into Data/CompiledModels (docs/architecture.md, Persistence): they must
/// be exactly what `dotnet ef dbcontext optimize` makes of today's model, or the app would run on yesterday's.
/// `bash scripts/add-migration.sh Name` regenerates them with every migration.
/// </summary>
public partial class CompiledModelTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly string WebProject = Path.Combine(SharedResourceTests.RepositoryRoot(), "src", "ProfilePortal.Web");

    [Fact]
    public async Task App_RunsOnTheCompiledModelOfItsProvider()
    {
        var model = await factory.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<AppDbContext>().Model));

        if (TestDatabase.IsPostgres) Assert.IsType<PostgresAppDbContextModel>(model);
        else Assert.IsType<SqliteAppDbContextModel>(model);
    }

    [Theory]
    [MemberData(nameof(MigrationsTests.Providers), MemberType = typeof(MigrationsTests))]
    public async Task CompiledModel_IsWhatTheToolGeneratesFromTheCurrentModel(string provider)
    {
        var output = Directory.CreateTempSubdirectory("compiled-model-").FullName;
        try
        {
            await OptimizeAsync(provider, output);

            var committed = Path.Combine(WebProject, "Data", "CompiledModels", provider);
            Assert.Equal(FileNames(committed), FileNames(output));
            foreach (var name in FileNames(committed))
            {
                Assert.True(WithoutModelId(File.ReadAllText(Path.Combine(committed, name))) == WithoutModelId(File.ReadAllText(Path.Combine(output, name))),
                    $"Data/CompiledModels/{provider}/{name} is not what the current model generates: run `bash scripts/add-migration.sh <Name>` (or scripts/compile-model.sh).");
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>Runs the EF Core tool on the Web project's build output of this test run's configuration.</summary>
    private static async Task OptimizeAsync(string provider, string output)
    {
        var configuration = typeof(AppDbContext).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "ef", "dbcontext", "optimize", "--no-build", "--configuration", configuration,
                "--context", $"{provider}AppDbContext", "--output-dir", output,
                "--namespace", $"ProfilePortal.Web.Data.CompiledModels.{provider}",
            },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet ef dbcontext optimize failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

    private static List<string> FileNames(string folder)
        => Directory.GetFiles(folder, "*.cs").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The tool gives every generated model a new random id.</summary>
    private static string WithoutModelId(string code) => ModelId().Replace(code, "modelId: new Guid(\"\")");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]+"\)""")]
    private static partial Regex ModelId();
}
