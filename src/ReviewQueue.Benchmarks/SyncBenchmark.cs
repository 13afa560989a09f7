using System.Diagnostics;
using System.Text;
using LibGit2Sharp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewQueue.Configuration;
using ReviewQueue.Git.Trees;
using ReviewQueue.Trees;

namespace ReviewQueue.Benchmarks;

/// <summary>
/// Sync of a branch of N new commits beside `git log -p --no-merges -N | git patch-id --stable`
/// on the same repository, then a sync with nothing new. Also checks every patch-id against git's.
/// </summary>
static class SyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var a = new Arguments(args);
        int commits = int.Parse(a.Value("--commits") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);
        var repoPath = a.Value("--repo") ?? Path.Combine(Path.GetTempPath(), $"rq-bench-sync-{commits}");
        var branch = a.Value("--branch") ?? "master";
        if (!Directory.Exists(repoPath))
        {
            var make = Stopwatch.StartNew();
            SyntheticRepo.Create(repoPath, commits);
            Console.WriteLine($"created {repoPath} ({commits} commits) in {make.Elapsed.TotalSeconds:0.0} s");
        }

        int runs = int.Parse(a.Value("--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        Console.WriteLine($"repository: {repoPath}, branch {branch}, {commits} commits, {runs} runs side by side (git, then ours, each run); {Environment.ProcessorCount} cores");
        Dictionary<string, string> gitIds = [];
        var gitWall = new List<double>();
        var gitCpu = new List<double>();
        var ourWall = new List<double>();
        var ourCpu = new List<double>();
        var ratios = new List<double>();
        List<double> noop = [];
        for (int run = 1; run <= runs; run++)
        {
            // git's side: the same commits, patch-id of each; `times` gives the pipeline's CPU time.
            var git = Stopwatch.StartNew();
            var (code, stdout, stderr) = Shell.Run("bash", ["-c", $"git log -p --no-merges -{commits} {branch} | git patch-id --stable; times >&2"], repoPath);
            git.Stop();
            if (code != 0)
                throw new InvalidOperationException(stderr);
            gitIds = Encoding.ASCII.GetString(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split(' ')).ToDictionary(p => p[1], p => p[0]);
            gitWall.Add(git.Elapsed.TotalSeconds);
            gitCpu.Add(ChildrenCpu(stderr));

            // Ours: a first sync of the branch into a new ledger (walk, diff, patch-id, facts, store, match).
            var ledger = Path.Combine(Path.GetTempPath(), $"rq-bench-ledger-{Guid.NewGuid():N}.db");
            try
            {
                using var host = Build(ledger, repoPath, branch, commits);
                var sync = host.Services.GetRequiredService<TreeSync>();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var ours = Stopwatch.StartNew();
                var report = await sync.SyncAsync(null, CancellationToken.None);
                ours.Stop();
                ourWall.Add(ours.Elapsed.TotalSeconds);
                ourCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
                ratios.Add(ours.Elapsed / git.Elapsed);
                var first = report.Branches.Single();
                if (first.Problem is not null)
                    throw new InvalidOperationException(first.Problem);
                var st = first.Stages!;
                Console.WriteLine($"run {run}: git {git.Elapsed.TotalSeconds:0.00} s wall ({gitCpu[^1]:0.00} s CPU), {gitIds.Count} patch-ids;"
                    + $" ours {ours.Elapsed.TotalSeconds:0.00} s wall ({ourCpu[^1]:0.00} s CPU), {first.NewCommits} commits; ratio {ratios[^1]:0.00}x");
                Console.WriteLine($"       ours by stage: walk {st.WalkSeconds:0.00}, known {st.KnownSeconds:0.00}, index (diffs, patch-ids, facts) {st.IndexSeconds:0.00},"
                    + $" store {st.StoreSeconds:0.00}, match+events {report.MatchSeconds:0.00} s");
                if (run == runs)
                {
                    for (int i = 0; i < 7; i++)
                    {
                        var t = Stopwatch.StartNew();
                        await sync.SyncAsync(null, CancellationToken.None);
                        noop.Add(t.Elapsed.TotalMilliseconds);
                    }
                    noop.Sort();
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { ledger, ledger + "-wal", ledger + "-shm" })
                    File.Delete(f);
            }
        }

        // Patch-ids only (no storage), and agreement with git on every commit.
        using var repo = new Repository(repoPath);
        var walk = BranchWalker.Walk(repo, repo.Branches[branch].Tip, null, commits);
        var bare = Stopwatch.StartNew();
        var indexed = CommitIndexer.IndexAll(repo.Info.Path, walk.NewCommits, CancellationToken.None);
        bare.Stop();
        int agree = 0, compared = 0;
        foreach (var c in indexed)
        {
            if (gitIds.TryGetValue(c.Sha, out var expected))
            {
                compared++;
                if (expected == c.PatchId)
                    agree++;
            }
        }

        Console.WriteLine($"git log -p --no-merges -{commits} | git patch-id --stable : median {Median(gitWall),6:0.00} s wall, {Median(gitCpu):0.00} s CPU");
        Console.WriteLine($"reviewqueue first sync (walk+diff+patch-id+store+match) : median {Median(ourWall),6:0.00} s wall, {Median(ourCpu):0.00} s CPU");
        Console.WriteLine($"ratio ours/git, wall: median {Median(ratios):0.00}x (runs: {string.Join(", ", ratios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))});"
            + $" CPU: {Median(ourCpu) / Median(gitCpu):0.00}x");
        Console.WriteLine($"reviewqueue patch-ids only (no storage, all cores)       : {bare.Elapsed.TotalSeconds,6:0.00} s");
        Console.WriteLine($"sync with nothing new: median {noop[noop.Count / 2]:0.0} ms, max {noop[^1]:0.0} ms (7 runs)");
        Console.WriteLine($"patch-id agreement with git: {agree}/{compared}");
        if (a.Flag("--remote"))
            await NoopWithFetchAsync(repoPath, branch, commits);
        return agree == compared ? 0 : 1;
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>User + system CPU of the children, from bash's `times` (its second line: "0m1.150s 0m0.080s").</summary>
    static double ChildrenCpu(string stderr)
    {
        var line = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return line.Split(' ').Sum(t =>
        {
            int m = t.IndexOf('m');
            return int.Parse(t[..m], System.Globalization.CultureInfo.InvariantCulture) * 60
                + double.Parse(t[(m + 1)..].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The same branch as a Remote (file://) fetched into a new mirror: a no-op sync then includes a fetch.</summary>
    static async Task NoopWithFetchAsync(string repoPath, string branch, int commits)
    {
        var mirror = Path.Combine(Path.GetTempPath(), $"rq-bench-mirror-{Guid.NewGuid():N}");
        var ledger = mirror + ".db";
        try
        {
            using var host = Build(ledger, mirror, branch, commits, new Uri(Path.GetFullPath(repoPath)).AbsoluteUri);
            var sync = host.Services.GetRequiredService<TreeSync>();
            var first = Stopwatch.StartNew();
            var report = await sync.SyncAsync(null, CancellationToken.None);
            Console.WriteLine($"with Remote file://: first sync (fetch + {report.Branches.Single().NewCommits} commits) {first.Elapsed.TotalSeconds:0.00} s");
            var noop = new List<double>();
            for (int i = 0; i < 7; i++)
            {
                var t = Stopwatch.StartNew();
                await sync.SyncAsync(null, CancellationToken.None);
                noop.Add(t.Elapsed.TotalMilliseconds);
            }
            noop.Sort();
            Console.WriteLine($"with Remote file://: sync with nothing new (fetch included): median {noop[noop.Count / 2]:0.0} ms, max {noop[^1]:0.0} ms (7 runs)");
        }
        finally
        {
            foreach (var f in new[] { ledger, ledger + "-wal", ledger + "-shm" })
                File.Delete(f);
            if (Directory.Exists(mirror))
                Directory.Delete(mirror, recursive: true);
        }
    }

    static IHost Build(string ledger, string repo, string branch, int commits, string? remote = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Database"] = ledger,
            ["Trees:0:Name"] = "bench",
            ["Trees:0:Path"] = repo,
            ["Trees:0:Branches:0"] = branch,
            ["Trees:0:Remote"] = remote,
            ["TreeSync:FirstSyncCommits"] = commits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddReviewQueue(builder.Configuration);
        var host = builder.Build();
        var problems = host.Services.GetRequiredService<SectionCheck>().Run(host.Services);
        if (problems.Count > 0)
            throw new InvalidOperationException(string.Join("; ", problems));
        return host;
    }
}
