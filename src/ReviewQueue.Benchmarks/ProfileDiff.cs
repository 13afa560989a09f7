using System.Diagnostics;
using LibGit2Sharp;

namespace ReviewQueue.Benchmarks;

static class ProfileDiff
{
    static unsafe void NativeSteps(string path, List<Commit> commits)
    {
        ReviewQueue.Git.Trees.NativeDiff.EnsureLoaded();
        ReviewQueue.Git.Trees.NativeDiff.git_repository_open(out var repo, path);
        var opts = new byte[256];
        fixed (byte* o = opts) ReviewQueue.Git.Trees.NativeDiff.git_diff_options_init(o, 1);
        var lookup = new Stopwatch(); var diffT = new Stopwatch();
        foreach (var c in commits)
        {
            lookup.Start();
            IntPtr cm, tree, parent, ptree;
            fixed (byte* id = c.Id.RawId) ReviewQueue.Git.Trees.NativeDiff.git_commit_lookup(out cm, repo, id);
            ReviewQueue.Git.Trees.NativeDiff.git_commit_tree(out tree, cm);
            ReviewQueue.Git.Trees.NativeDiff.git_commit_parent(out parent, cm, 0);
            ReviewQueue.Git.Trees.NativeDiff.git_commit_tree(out ptree, parent);
            lookup.Stop();
            diffT.Start();
            IntPtr diff;
            fixed (byte* o = opts) ReviewQueue.Git.Trees.NativeDiff.git_diff_tree_to_tree(out diff, repo, ptree, tree, o);
            diffT.Stop();
            ReviewQueue.Git.Trees.NativeDiff.git_diff_free(diff);
        }
        Console.WriteLine($"native lookup {lookup.Elapsed.TotalMilliseconds / commits.Count:0.000} ms, tree diff {diffT.Elapsed.TotalMilliseconds / commits.Count:0.000} ms per commit");
    }

    public static int Run(string[] args)
    {
        using var repo = new Repository(args[0]);
        var commits = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repo.Head.Tip }).Take(int.Parse(args[1])).ToList();
        void Time(string what, Action<Commit> act)
        {
            var sw = Stopwatch.StartNew();
            foreach (var c in commits) act(c);
            Console.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds / commits.Count:0.000} ms/commit");
        }
        Time("treechanges", c => { using var t = repo.Diff.Compare<TreeChanges>(c.Parents.FirstOrDefault()?.Tree, c.Tree); });
        Time("patch no renames", c => { using var p = repo.Diff.Compare<Patch>(c.Parents.FirstOrDefault()?.Tree, c.Tree, new CompareOptions { IndentHeuristic = true }); _ = p.Content; });
        Time("patch renames", c => { using var p = repo.Diff.Compare<Patch>(c.Parents.FirstOrDefault()?.Tree, c.Tree, new CompareOptions { IndentHeuristic = true, Similarity = SimilarityOptions.Renames }); _ = p.Content; });
        Time("blob compare", c =>
        {
            using var t = repo.Diff.Compare<TreeChanges>(c.Parents.FirstOrDefault()?.Tree, c.Tree);
            foreach (var e in t.Modified)
                _ = repo.Diff.Compare(repo.Lookup<Blob>(e.OldOid), repo.Lookup<Blob>(e.Oid), new CompareOptions { IndentHeuristic = true }).Patch;
        });
        Time("ours", c => ReviewQueue.Git.Trees.CommitDiff.PatchId(repo, c));
        using var fast = new ReviewQueue.Git.Trees.FastCommitDiff(repo);
        NativeSteps(args[0], commits);
        Time("fast", c => fast.PatchIds(c));
        return 0;
    }
}
