using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Install;

/// <summary>
/// README's "Install" publishes the program ReadyToRun, with framework generics compiled into our images:
/// code no other test runs. It must read, assemble and answer exactly as the built program does.
/// </summary>
public sealed class InstalledFormTests
{
    [Fact]
    public void ThePublishedProgramImportsAndAssemblesTheDemoAsTheBuiltOneDoes()
    {
        using var dir = new TempDir("rq-install");
        var bin = dir.File("bin");
        // As README's "Install" does it; the Release build the tests run (tests/run-all.sh) is up to date, so only
        // the restore for this machine's runtime and the ReadyToRun step run here.
        var publish = Run.Program("dotnet", ["publish", RepoPaths.Of("src", "ReviewQueue"), "-c", "Release", "-o", bin, "-nologo", "-v", "quiet"],
            RepoPaths.Root, env: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, timeout: TimeSpan.FromMinutes(8));
        Assert.True(publish.ExitCode == 0, $"publish failed:\n{publish.Stdout}\n{publish.Stderr}");
        var installed = Path.Combine(bin, "reviewqueue");
        var demo = RepoPaths.Of("samples", "demo.mbox");

        var installedImport = Run.Program(installed, ["--db", dir.File("installed.db"), "import", demo, "--json"], dir.Path);
        var builtImport = ReviewQueueProgram.Run(["--db", dir.File("built.db"), "import", demo, "--json"]);
        var installedSeries = Run.Program(installed, ["--db", dir.File("installed.db"), "series", "--json"], dir.Path);
        var builtSeries = ReviewQueueProgram.Run(["--db", dir.File("built.db"), "series", "--json"]);

        Assert.True(installedImport.ExitCode == 0, installedImport.Stderr);
        Assert.Contains("\"new\": ", installedImport.Stdout);
        Assert.Equal(Counts(builtImport.Stdout), Counts(installedImport.Stdout));
        Assert.True(installedSeries.ExitCode == 0, installedSeries.Stderr);
        Assert.Contains("\"revisions\"", installedSeries.Stdout);
        Assert.Equal(builtSeries.Stdout, installedSeries.Stdout);
    }

    /// <summary>The summary without its elapsed time and paths.</summary>
    static string Counts(string json) =>
        string.Join(",", System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject()
            .Where(p => p.Name is "read" or "new" or "duplicate" or "rejected").Select(p => $"{p.Name}={p.Value}"));
}
