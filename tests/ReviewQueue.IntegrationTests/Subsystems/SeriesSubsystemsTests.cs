using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Subsystems;

/// <summary>
/// From the repository root (the embedded default: samples/demo-tree/MAINTAINERS), importing the
/// demo records which sections each series touches, and review debt is owed by those sections.
/// </summary>
public sealed class SeriesSubsystemsTests : IDisposable
{
    readonly TempDir dir = new("rq-subsys");

    RunResult Rq(params string[] args)
    {
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), .. args], workDir: RepoPaths.Root);
        Assert.True(r.ExitCode == 0, $"reviewqueue {string.Join(' ', args)}: {r.Stderr}");
        return r;
    }

    [Fact]
    public void ImportedSeriesAreStoredWithTheSectionsTheyTouch()
    {
        Rq("import", RepoPaths.Of("samples", "demo.mbox"));
        AssertTheDemoSeriesCountOnceInTheirSections();

        var backlog = JsonDocument.Parse(Rq("backlog", "--json").Stdout).RootElement;
        var names = backlog.GetProperty("subsystems").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("DEMO DOCUMENTATION", names);
        Assert.Contains("DEMO HARDWARE MONITORING", names);

        // The fan17 fix: its section's maintainer and reviewer are suggested, not THE REST's catch-all.
        var hwmon = JsonDocument.Parse(Rq("backlog", "--json", "--subsystem", "DEMO HARDWARE MONITORING").Stdout).RootElement;
        var suggested = hwmon.GetProperty("waiting")[0].GetProperty("suggested_reviewers").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("Gus Keeper <gus@hwmon.example.org>", suggested);
        Assert.DoesNotContain(suggested, s => s!.Contains("linus@demo.example.org"));
    }

    /// <summary>
    /// tmp42's v1 imported first and its v2 later, as mail arrives, counts once in each section, as when both came
    /// together: a superseded revision's sections are not kept beside the current one's.
    /// </summary>
    [Fact]
    public void ASeriesReRolledAfterAnEarlierImportCountsOnceInItsSections()
    {
        var demo = File.ReadAllText(RepoPaths.Of("samples", "demo.mbox"));
        var third = System.Text.RegularExpressions.Regex.Matches(demo, "^From ", System.Text.RegularExpressions.RegexOptions.Multiline)[2].Index;
        File.WriteAllText(dir.File("first.mbox"), demo[..third]);

        Rq("import", dir.File("first.mbox"));
        Rq("import", RepoPaths.Of("samples", "demo.mbox"));

        AssertTheDemoSeriesCountOnceInTheirSections();
    }

    /// <summary>`subsystems --json`'s series count per section, for the whole demo imported.</summary>
    void AssertTheDemoSeriesCountOnceInTheirSections()
    {
        var sections = JsonDocument.Parse(Rq("subsystems", "--json").Stdout).RootElement.EnumerateArray()
            .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("series_count").GetInt32());
        // tmp42 (v2 is the current revision) and fan17 touch hwmon; net-close the network drivers.
        Assert.Equal(2, sections["DEMO HARDWARE MONITORING"]);
        Assert.Equal(1, sections["DEMO NETWORKING DRIVERS"]);
        Assert.Equal(1, sections["DEMO TMP42 SENSOR DRIVER"]);
        Assert.Equal(0, sections["DEMO HWMON LEGACY DRIVERS"]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dir.Dispose();
    }
}
