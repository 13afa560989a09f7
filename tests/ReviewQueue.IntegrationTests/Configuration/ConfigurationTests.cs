using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Configuration;

/// <summary>Bad configuration stops a command at start (exit 78) with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    static RunResult Rejected(IDictionary<string, string>? env = null, params string[] extra)
    {
        using var dir = new TempDir();
        return ReviewQueueProgram.Run([.. extra, "rejected"], env: env, workDir: dir.Path);
    }

    [Fact]
    public void AnEmptyLedgerDatabaseStopsWithTheKeyNamed()
    {
        var r = Rejected(new Dictionary<string, string> { ["Ledger__Database"] = "" });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Ledger:Database", r.Stderr);
    }

    [Fact]
    public void AnUnknownKeyStopsWithTheKeyNamed()
    {
        var r = Rejected(new Dictionary<string, string> { ["Import__BatchSzie"] = "10" });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Import", r.Stderr);
        Assert.Contains("BatchSzie", r.Stderr);
    }

    [Fact]
    public void ABadWebUrlStopsWithTheKeyNamed()
    {
        var r = Rejected(new Dictionary<string, string> { ["Web__Urls"] = "ftp://127.0.0.1:21" });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Web:Urls", r.Stderr);
    }

    [Theory]
    [InlineData("reviewqueue")]
    [InlineData("/reviewqueue/")]
    [InlineData("/review queue")]
    [InlineData("/reviewqueue?x=1")]
    [InlineData("/")]
    public void APathBaseThatIsNoPathPrefixStopsWithTheKeyNamed(string pathBase)
    {
        var r = Rejected(new Dictionary<string, string> { ["Web__PathBase"] = pathBase });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains($"Web:PathBase is not a path prefix such as /reviewqueue", r.Stderr);
    }

    [Theory]
    [InlineData("/reviewqueue")]
    [InlineData("/tools/review-queue")]
    [InlineData("")]
    public void APathPrefixIsAPathBase(string pathBase)
    {
        // Past the configuration's check to the next one: there is no ledger in the empty folder (66).
        var r = Rejected(new Dictionary<string, string> { ["Web__PathBase"] = pathBase });
        Assert.True(r.ExitCode == 66, r.Stderr);
    }

    [Fact]
    public void AnOutOfRangeBatchSizeStopsWithTheKeyNamed()
    {
        var r = Rejected(new Dictionary<string, string> { ["Import__BatchSize"] = "0" });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Import:BatchSize", r.Stderr);
    }

    // A misspelt tree would leave every file in THE REST and the whole history measured so, with a warning at most.
    [Fact]
    public void AMaintainersTreeThatNoWatchedTreeHasStopsWithTheKeyNamed()
    {
        using var tree = new TempDir();
        var r = Rejected(new Dictionary<string, string>
        {
            ["Maintainers__Tree"] = "linx",
            ["Trees__0__Name"] = "linux",
            ["Trees__0__Path"] = tree.Path,
            ["Trees__0__Branches__0"] = "master",
        });
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Maintainers:Tree: no tree named linx in Trees (watched: linux) (set by the environment variable Maintainers__Tree)", r.Stderr);
    }

    // From the repository root the demo's MAINTAINERS is the default; it must not take the place of what the operator set.
    [Fact]
    public void AMaintainersTreeFilesThatIsNotThereStopsWithTheKeyNamedAlsoWhereTheDemoIsTheDefault()
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(["--db", dir.File("l.db"), "rejected"],
            env: new Dictionary<string, string> { ["Maintainers__TreeFiles"] = dir.File("tree-files.txt") }, workDir: RepoPaths.Root);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains($"Maintainers:TreeFiles: no such file: {dir.File("tree-files.txt")} (set by the environment variable Maintainers__TreeFiles)", r.Stderr);
    }

    [Fact]
    public void AMissingConfigFileStopsWithTheOptionNamed()
    {
        var r = Rejected(null, "--config", "/nonexistent/reviewqueue.json");
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("--config", r.Stderr);
        Assert.Contains("/nonexistent/reviewqueue.json", r.Stderr);
    }

    [Fact]
    public void ALaterSourceOverridesAnEarlierOne()
    {
        using var dir = new TempDir();
        var fromFile = dir.File("from-file.db");
        var fromEnv = dir.File("from-env.db");
        var fromFlag = dir.File("from-flag.db");
        File.WriteAllText(dir.File("rq.json"), $$"""{ "Ledger": { "Database": "{{fromFile}}" } }""");

        // `rejected` only reads: it names the ledger it would have read (and creates none).
        AssertLedger(fromFile, ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "rejected"]));
        AssertLedger(fromEnv, ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "rejected"],
            env: new Dictionary<string, string> { ["Ledger__Database"] = fromEnv }));
        AssertLedger(fromFlag, ReviewQueueProgram.Run(["--config", dir.File("rq.json"), "--db", fromFlag, "rejected"],
            env: new Dictionary<string, string> { ["Ledger__Database"] = fromEnv }));
    }

    static void AssertLedger(string database, RunResult r)
    {
        Assert.Equal(66, r.ExitCode);
        Assert.Contains($"no ledger at {database} ", r.Stderr);
    }

    // backlog --json reads the stored JSON without building the host: its Ledger section is still checked.
    [Fact]
    public void AnUnknownLedgerKeyStopsBacklogJsonWithTheKeyNamed()
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(["--db", dir.File("ledger.db"), "backlog", "--json"],
            env: new Dictionary<string, string> { ["Ledger__BusyTimout"] = "00:00:05" }, workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Ledger", r.Stderr);
        Assert.Contains("BusyTimout", r.Stderr);
        Assert.False(File.Exists(dir.File("ledger.db")));
    }

    [Fact]
    public void AnUnreadableLedgerValueStopsBacklogJsonWithTheKeyNamed()
    {
        using var dir = new TempDir();
        var r = ReviewQueueProgram.Run(["backlog", "--json"],
            env: new Dictionary<string, string> { ["Ledger__Database"] = dir.File("ledger.db"), ["Ledger__BusyTimeout"] = "soon" }, workDir: dir.Path);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("Ledger:BusyTimeout", r.Stderr);
    }

    [Fact]
    public void AMissingConfigFileStopsBacklogJsonWithTheOptionNamed()
    {
        var r = ReviewQueueProgram.Run(["--config", "/nonexistent/reviewqueue.json", "backlog", "--json"]);
        Assert.Equal(78, r.ExitCode);
        Assert.Contains("/nonexistent/reviewqueue.json", r.Stderr);
    }
}
