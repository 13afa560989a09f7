using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using ReviewQueue.Commands;
using ReviewQueue.TestSupport;
using ReviewQueue.Trees;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// What a sync tells as it goes (the bars of `trees sync` on a terminal, the lines of `run`'s log), on the fixture
/// repository: topic's first commit is the root, diffed as a whole tree; master shares it.
/// <code>
///   base ── M1 … (master)
///     └── T1 … T7 (topic)
/// </code>
/// </summary>
public sealed class TreeSyncProgressTests
{
    [Fact]
    public async Task SyncReportsEachBranchsStagesWithCommitsIndexedAndTheRootCommitAsAWholeTree()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("dev", fixture.Path, null, "topic", "master"));
        var steps = new Steps();

        var report = await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, steps, ct);

        var topic = steps.Of("topic");
        Assert.Equal(new SyncProgress("dev", null, SyncStage.Fetch), steps.All()[0]);
        Assert.Equal(
            [
                new("dev", "topic", SyncStage.Walk),
                new("dev", "topic", SyncStage.Index, 0, 8, 1),
                new("dev", "topic", SyncStage.Index, 8, 8, 1),
                new("dev", "topic", SyncStage.Store, 0, 8),
                new("dev", "topic", SyncStage.Done, 8, 8),
            ], topic);
        // master's base is indexed already (topic's): only its own commits are, and none is a whole tree.
        var master = report.Branches.Single(b => b.Branch == "master");
        var masterOnly = int.Parse(Run.Git(fixture.Path, "rev-list", "--count", "--no-merges", "master", "^topic").Stdout.Trim());
        Assert.Equal(
            [
                new("dev", "master", SyncStage.Walk),
                new("dev", "master", SyncStage.Index, 0, masterOnly, 0),
                new("dev", "master", SyncStage.Index, masterOnly, masterOnly, 0),
                new("dev", "master", SyncStage.Store, 0, masterOnly + 1),
                new("dev", "master", SyncStage.Done, master.NewCommits, master.NewCommits),
            ], steps.Of("master"));

        // Nothing new: walked, nothing indexed, nothing stored.
        var again = new Steps();
        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, again, ct);
        Assert.Equal([new("dev", "topic", SyncStage.Walk), new("dev", "topic", SyncStage.Done)], again.Of("topic"));
    }

    [Fact]
    public async Task ASyncWithARootCommitToDiffIsLoggedAsItStartsAndEndsAndAShortOneOnlyAsItEnds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        var logs = new LogLines();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("dev", fixture.Path, null, "topic", "master"), logs);

        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);

        var lines = logs.Lines();
        Assert.Contains("Information Syncing dev topic: 8 new commits to index, 1 of them diffed as a whole tree (a root commit or a shallow clone's boundary)", lines);
        Assert.Contains(lines, l => l.StartsWith("Information Synced dev topic: 8 new commits in "));
        Assert.DoesNotContain(lines, l => l.StartsWith("Information Syncing dev master"));
        Assert.Contains(lines, l => l.StartsWith("Information Synced dev master: "));
    }

    /// <summary>
    /// A long sync says how far it is while indexing, at most every 10 s: here a clock that moves 6 s each time it is
    /// read (at the start, then as each of the first two runs of 128 commits, or of the last 44, is indexed by one of two workers), so
    /// the first run done is 6 s after the start line and not logged, the second 12 s after and logged; the end has
    /// its own line.
    /// </summary>
    [Fact]
    public async Task ALongSyncLogsTheCommitsIndexedAtMostEveryTenSeconds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var repo = dir.File("repo");
        Run.Git(dir.Path, "init", "-q", "-b", "master", repo);
        var stream = new System.Text.StringBuilder();
        for (int i = 1; i <= 300; i++)
        {
            var text = $"line {i}\n";
            stream.Append($"commit refs/heads/master\ncommitter Ada <ada@example.org> {1700000000 + i} +0000\ndata {$"change {i}".Length}\nchange {i}\n");
            // fast-import continues the branch from the commit before by itself.
            stream.Append($"M 100644 inline file.txt\ndata {text.Length}\n{text}\n");
        }
        var imported = Run.Git(repo, System.Text.Encoding.UTF8.GetBytes(stream.ToString()), "fast-import", "--quiet");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var logs = new LogLines();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("big", repo, null, "master"), logs, new SteppingClock(TimeSpan.FromSeconds(6)));

        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);

        var lines = logs.Lines().Where(l => l.Contains("Syncing big master")).ToList();
        Assert.Equal("Information Syncing big master: 300 new commits to index, 1 of them diffed as a whole tree (a root commit or a shallow clone's boundary)", lines[0]);
        Assert.Equal(2, lines.Count);
        // Which worker's run is told second is a race (128 + 128, or 128 + the last 44): 12 s after the start.
        Assert.Matches(@"^Information Syncing big master: (172|256) of 300 commits indexed in 12 s$", lines[1]);
        Assert.Contains(logs.Lines(), l => l.StartsWith("Information Synced big master: 300 new commits in "));
    }

    /// <summary>
    /// The start line reads naturally for one commit, and leaves the whole-tree clause out when no commit is one:
    /// branch root is the root commit alone; master, synced after it, has 1,000 more on top.
    /// <code>
    ///   R (root) ── C1 … C1000 (master)
    /// </code>
    /// </summary>
    [Fact]
    public async Task TheStartLineSaysOneCommitInTheSingularAndNoWholeTreeClauseWhenThereIsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDir();
        var repo = dir.File("repo");
        Run.Git(dir.Path, "init", "-q", "-b", "master", repo);
        var stream = new System.Text.StringBuilder();
        for (int i = 0; i <= 1000; i++)
        {
            var text = $"line {i}\n";
            stream.Append($"commit refs/heads/master\ncommitter Ada <ada@example.org> {1700000000 + i} +0000\ndata {$"change {i}".Length}\nchange {i}\n");
            stream.Append($"M 100644 inline file.txt\ndata {text.Length}\n{text}\n");
        }
        var imported = Run.Git(repo, System.Text.Encoding.UTF8.GetBytes(stream.ToString()), "fast-import", "--quiet");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Run.Git(repo, "branch", "root", "master~1000");
        var logs = new LogLines();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("big", repo, null, "root", "master"), logs);

        await host.Services.GetRequiredService<TreeSync>().SyncAsync(null, ct);

        var starts = logs.Lines().Where(l => l.StartsWith("Information Syncing big ") && l.Contains(" to index")).ToList();
        Assert.Equal(
            [
                "Information Syncing big root: 1 new commit to index, diffed as a whole tree (a root commit or a shallow clone's boundary)",
                "Information Syncing big master: 1000 new commits to index",
            ], starts);
    }

    /// <summary>A clock whose every reading is <paramref name="step"/> later than the one before.</summary>
    sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        long ticks;
        public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks);
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    }

    /// <summary>The bars `trees sync` draws on a terminal, drawn to a console that says it is one.</summary>
    [Fact]
    public async Task TheBarsOnATerminalEndWithEachBranchsNewCommitsOrItsFailure()
    {
        var ct = TestContext.Current.CancellationToken;
        using var fixture = new FixtureRepo();
        using var dir = new TempDir();
        using var host = TreeHost.Build(dir.File("ledger.db"), TreeHost.Tree("dev", fixture.Path, null, "topic", "nosuch"));
        var screen = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(screen), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.Yes,
        });
        console.Profile.Width = 200;

        await console.Progress().Columns([.. SyncProgressBars.Columns]).StartAsync(context =>
            host.Services.GetRequiredService<TreeSync>().SyncAsync(null, new SyncProgressBars(context), ct));

        var text = screen.ToString();
        Assert.Contains("dev: opened", text);
        Assert.Contains("dev topic: 8 new commits", text);
        Assert.Contains("dev nosuch: failed: no branch nosuch in the repository", text);
    }

    /// <summary>The steps told, in order; a sync tells them from the indexing workers' threads too.</summary>
    sealed class Steps : IProgress<SyncProgress>
    {
        readonly List<SyncProgress> steps = [];
        public void Report(SyncProgress value) { lock (steps) steps.Add(value); }
        public IReadOnlyList<SyncProgress> All() { lock (steps) return [.. steps]; }
        public IReadOnlyList<SyncProgress> Of(string branch) => All().Where(s => s.Branch == branch).ToList();
    }
}
