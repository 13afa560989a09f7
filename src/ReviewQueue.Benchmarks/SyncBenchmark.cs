using System.Diagnostics;
using System.Text;
using LibGit2Sharp;
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

        // git's side: the same commits, patch-id of each.
        var git = Stopwatch.StartNew();
        var (code, stdout, stderr) = Shell.Run("sh", ["-c", $"git log -p --no-merges -{commits} {branch} | git patch-id --stable"], repoPath);
        git.Stop();
        if (code != 0)
            throw new InvalidOperationException(stderr);
        var gitIds = Encoding.ASCII.GetString(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).ToDictionary(p => p[1], p => p[0]);

        // Ours: a first sync of the branch into a new ledger (walk, diff, patch-id, store).
        var ledger = Path.Combine(Path.GetTempPath(), $"rq-bench-ledger-{Guid.NewGuid():N}.db");
        try
        {
            using var host = Build(ledger, repoPath, branch, commits);
            var sync = host.Services.GetRequiredService<TreeSync>();
            var ours = Stopwatch.StartNew();
            var report = await sync.SyncAsync(null, CancellationToken.None);
            ours.Stop();
            var first = report.Branches.Single();
            if (first.Problem is not null)
                throw new InvalidOperationException(first.Problem);

            var noop = new List<double>();
            for (int i = 0; i < 7; i++)
            {
                var t = Stopwatch.StartNew();
                await sync.SyncAsync(null, CancellationToken.None);
                noop.Add(t.Elapsed.TotalMilliseconds);
            }
            noop.Sort();

            // Patch-id only (no storage), and agreement with git on every commit.
            using var repo = new Repository(repoPath);
            var walk = BranchWalker.Walk(repo, repo.Branches[branch].Tip, null, commits);
            var bare = Stopwatch.StartNew();
            var indexed = CommitIndexer.IndexAll(repo, walk.NewCommits, CancellationToken.None);
            bare.Stop();
            int agree = 0, compared = 0;
            foreach (var c in indexed)
            {
                var id = c.PatchId;
                if (gitIds.TryGetValue(c.Sha, out var expected))
                {
                    compared++;
                    if (expected == id)
                        agree++;
                }
            }

            Console.WriteLine($"repository: {repoPath}, branch {branch}, {first.NewCommits} new commits indexed");
            Console.WriteLine($"git log -p --no-merges -{commits} | git patch-id --stable : {git.Elapsed.TotalSeconds,7:0.00} s ({gitIds.Count} patch-ids)");
            Console.WriteLine($"reviewqueue first sync (walk+diff+patch-id+store)     : {ours.Elapsed.TotalSeconds,7:0.00} s  ratio {ours.Elapsed / git.Elapsed:0.00}x");
            Console.WriteLine($"  stages: walk {first.Stages!.WalkSeconds:0.00} s, index (patch-ids, facts) {first.Stages.IndexSeconds:0.00} s, store {first.Stages.StoreSeconds:0.00} s");
            Console.WriteLine($"reviewqueue patch-ids only (no storage, all cores)      : {bare.Elapsed.TotalSeconds,7:0.00} s  ratio {bare.Elapsed / git.Elapsed:0.00}x");
            Console.WriteLine($"sync with nothing new: median {noop[noop.Count / 2]:0.0} ms, max {noop[^1]:0.0} ms (7 runs)");
            Console.WriteLine($"patch-id agreement with git: {agree}/{compared}");
            if (a.Flag("--remote"))
                await NoopWithFetchAsync(repoPath, branch, commits);
            return agree == compared ? 0 : 1;
        }
        finally
        {
            foreach (var f in new[] { ledger, ledger + "-wal", ledger + "-shm" })
                File.Delete(f);
        }
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
