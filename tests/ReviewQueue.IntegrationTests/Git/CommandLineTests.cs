using System.Text.Json;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>The real binary: import a series, trees sync, trees --json, check --json.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void TreesSyncThenCheckReportAppliesAndAlreadyPresentThroughTheBinary()
    {
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "dev", Path = fixture.Path, Branches = new[] { "topic", "master" } } },
        }));
        var mbox = dir.File("series.mbox");
        File.WriteAllBytes(mbox, fixture.PatchFiles.SelectMany(File.ReadAllBytes).ToArray());
        var db = dir.File("ledger.db");

        Assert.Equal(0, Cli(db, config, "import", mbox).ExitCode);
        var sync = Cli(db, config, "trees", "sync", "--json");
        Assert.True(sync.ExitCode == 0, sync.Stderr + sync.Stdout);
        var trees = JsonDocument.Parse(Cli(db, config, "trees", "--json").Stdout).RootElement;
        var topic = trees[0].GetProperty("branches")[0];
        Assert.Equal("topic", topic.GetProperty("name").GetString());
        Assert.Equal(fixture.Head("topic"), topic.GetProperty("head").GetString());
        Assert.Equal(8, topic.GetProperty("commits").GetInt32());
        Assert.Equal(7, topic.GetProperty("merges").GetProperty("patch-id").GetInt32());

        var messageId = File.ReadLines(fixture.PatchFiles[0]).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();
        var check = Cli(db, config, "check", messageId, "--json");
        Assert.True(check.ExitCode == 0, check.Stderr);
        var branches = JsonDocument.Parse(check.Stdout).RootElement.GetProperty("branches");
        Assert.Equal(["already-present", "conflicts"], branches.EnumerateArray().Select(b => b.GetProperty("status").GetString()));
        Assert.Contains("drivers/hwmon/sensor.c", branches[1].GetProperty("problems")[0].GetString());
        // Already present: no problems (the forward failure is what "already there" means), kept apart for scripts.
        Assert.Equal(0, branches[0].GetProperty("problems").GetArrayLength());
        Assert.NotEqual(0, branches[0].GetProperty("forward_problems").GetArrayLength());
        Assert.Equal(0, branches[1].GetProperty("forward_problems").GetArrayLength());
        var human = Cli(db, config, "check", messageId).Stdout.Split('\n');
        var present = Array.FindIndex(human, l => l.StartsWith("  dev topic "));
        Assert.EndsWith("): already-present: already there (the patch applies in reverse)", human[present]);
        Assert.StartsWith("  dev master ", human[present + 1]);

        var missing = Cli(db, config, "check", "<nobody@example.org>");
        Assert.Equal(66, missing.ExitCode);
    }

    /// <summary>A mistyped branch: sync, check and maintainers name it and the branches the repository has.</summary>
    [Fact]
    public void AMistypedBranchIsNamedWithTheBranchesTheRepositoryHas()
    {
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "dev", Path = fixture.Path, Branches = new[] { "topik" } } },
        }));
        var mbox = dir.File("series.mbox");
        File.WriteAllBytes(mbox, File.ReadAllBytes(fixture.PatchFiles[0]));
        var db = dir.File("ledger.db");
        Assert.Equal(0, Cli(db, config, "import", mbox).ExitCode);

        var sync = Cli(db, config, "trees", "sync");
        Assert.Equal(75, sync.ExitCode);
        Assert.Contains("dev topik: failed: no branch topik in the repository (it has: master, topic)", sync.Stdout);
        var messageId = File.ReadLines(fixture.PatchFiles[0]).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();
        var check = Cli(db, config, "check", messageId);
        Assert.Contains("no branch topik in the repository (it has: master, topic)", check.Stdout);
    }

    /// <summary>A tree name typed on the command line that no watched tree has is a usage error everywhere.</summary>
    [Fact]
    public void AnUnknownTreeNameIsAUsageErrorNamingTheWatchedTreesInSyncAndCheck()
    {
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[]
            {
                new { Name = "dev", Path = fixture.Path, Branches = new[] { "topic" } },
                new { Name = "next", Path = fixture.Path, Branches = new[] { "master" } },
            },
        }));
        var mbox = dir.File("series.mbox");
        File.WriteAllBytes(mbox, File.ReadAllBytes(fixture.PatchFiles[0]));
        var db = dir.File("ledger.db");
        Assert.Equal(0, Cli(db, config, "import", mbox).ExitCode);
        var messageId = File.ReadLines(fixture.PatchFiles[0]).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();

        var sync = Cli(db, config, "trees", "sync", "nope");
        Assert.Equal((64, "reviewqueue: trees sync: no tree named nope in Trees (watched: dev, next)\n"), (sync.ExitCode, sync.Stderr));
        var check = Cli(db, config, "check", messageId, "--tree", "nope");
        Assert.Equal((64, "reviewqueue: check: no tree named nope in Trees (watched: dev, next)\n"), (check.ExitCode, check.Stderr));
        var json = Cli(db, config, "check", messageId, "--tree", "nope", "--json");
        Assert.Equal((64, ""), (json.ExitCode, json.Stdout));
        Assert.Equal(0, Cli(db, config, "check", messageId, "--tree", "next").ExitCode);
    }

    /// <summary>
    /// `check` on a ledger whose configuration watches no tree: that is the configuration's doing (exit 78, naming
    /// Trees), as `subsystems` without a MAINTAINERS is, not a message that is missing (66), which it is not.
    /// </summary>
    [Fact]
    public void CheckWithoutAnyTreeConfiguredIsAConfigurationError()
    {
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, "{}");
        var mbox = dir.File("series.mbox");
        File.WriteAllBytes(mbox, File.ReadAllBytes(fixture.PatchFiles[0]));
        var db = dir.File("ledger.db");
        Assert.Equal(0, Cli(db, config, "import", mbox).ExitCode);
        var messageId = File.ReadLines(fixture.PatchFiles[0]).First(l => l.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))[11..].Trim();

        var check = Cli(db, config, "check", messageId);
        Assert.Equal((78, "reviewqueue: check: no trees are configured (Trees in appsettings.json)\n"), (check.ExitCode, check.Stderr));
        var json = Cli(db, config, "check", messageId, "--json");
        Assert.Equal((78, ""), (json.ExitCode, json.Stdout));
    }

    /// <summary>Piped, `trees sync` prints its summary lines alone: no progress bars, no terminal codes.</summary>
    [Fact]
    public void TreesSyncPipedPrintsOnlyItsSummaryLines()
    {
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var config = dir.File("config.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Trees = new[] { new { Name = "dev", Path = fixture.Path, Branches = new[] { "topic" } } },
        }));
        var sync = Cli(dir.File("ledger.db"), config, "trees", "sync");
        Assert.True(sync.ExitCode == 0, sync.Stderr + sync.Stdout);
        Assert.Equal("", sync.Stderr);
        var lines = sync.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^dev topic: 8 new commits in \d+\.\d{3} s$", lines[0]);
        Assert.Matches(@"^patch keys read: 0, merges recorded: 0, total \d+\.\d{3} s$", lines[1]);
    }

    static RunResult Cli(string db, string config, params string[] args) =>
        Run.Program("dotnet", [Path.Combine(AppContext.BaseDirectory, "reviewqueue.dll"), "--db", db, "--config", config, .. args],
            AppContext.BaseDirectory);
}
