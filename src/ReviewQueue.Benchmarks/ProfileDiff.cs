using System.Diagnostics;
using LibGit2Sharp;

namespace ReviewQueue.Benchmarks;

static class ProfileDiff
{
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
        Time("fast", c => fast.PatchIds(c));
        return 0;
    }
}
