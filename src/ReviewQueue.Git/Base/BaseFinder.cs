using LibGit2Sharp;
using ReviewQueue.Git.Apply;

namespace ReviewQueue.Git.Base;

/// <summary>Where a series was written: a commit, the branch it was found on, and how it was found.</summary>
/// <param name="How">"base-commit" (the cover letter's), "blobs" (every pre-image blob at its path), or "none".</param>
public sealed record BaseGuess(string? Sha, string? Branch, string How, int PreimageBlobs, string? Note);

/// <summary>
/// Finds the base of a series: its <c>base-commit:</c> when the tree has that commit; otherwise
/// the newest commit of the watched branches in which every pre-image blob the series names
/// (<c>index abc..def</c>, files the series itself did not change before) exists at its path,
/// searched <c>window</c> commits deep on each branch.
/// </summary>
public static class BaseFinder
{
    public static BaseGuess Find(Repository repo, IReadOnlyList<byte[]> diffs, string? baseCommit,
        IReadOnlyList<(string Branch, Commit Head)> branches, int window)
    {
        if (baseCommit is not null && repo.Lookup<Commit>(baseCommit) is { } stated)
            return new BaseGuess(stated.Sha, BranchHolding(repo, stated, branches), "base-commit", 0, null);

        var wanted = Preimages(diffs);
        if (wanted.Count == 0)
            return new BaseGuess(null, null, "none", 0,
                baseCommit is null ? "the series names no pre-image blobs" : $"base-commit {baseCommit} is not in the tree and the series names no pre-image blobs");

        Commit? best = null;
        string? bestBranch = null;
        foreach (var (branch, head) in branches)
        {
            int walked = 0;
            foreach (var commit in repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = head, SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time }))
            {
                if (++walked > window)
                    break;
                if (!Holds(commit.Tree, wanted))
                    continue;
                if (best is null || commit.Committer.When > best.Committer.When)
                {
                    best = commit;
                    bestBranch = branch;
                }
                break;
            }
        }
        var note = baseCommit is null ? null : $"base-commit {baseCommit} is not in the tree";
        return best is null
            ? new BaseGuess(null, null, "none", wanted.Count, note ?? $"no commit within {window} of the branch heads has every pre-image blob")
            : new BaseGuess(best.Sha, bestBranch, "blobs", wanted.Count, note);
    }

    /// <summary>(path, abbreviated blob id) the series needs from its base: files it did not create or change earlier.</summary>
    public static List<(string Path, string Oid)> Preimages(IReadOnlyList<byte[]> diffs)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        var wanted = new List<(string, string)>();
        foreach (var diff in diffs)
        {
            foreach (var file in DiffParser.Parse(diff).Files)
            {
                if (!file.IsNew && file.OldOid is { Length: >= 4 } oid && !oid.All(c => c == '0') && !touched.Contains(file.OldPath!))
                    wanted.Add((file.OldPath!, oid.ToLowerInvariant()));
                if (file.OldPath is not null) touched.Add(file.OldPath);
                if (file.NewPath is not null) touched.Add(file.NewPath);
            }
        }
        return wanted.Distinct().ToList();
    }

    static bool Holds(Tree tree, List<(string Path, string Oid)> wanted)
    {
        foreach (var (path, oid) in wanted)
        {
            var entry = tree[path];
            if (entry is null || !entry.Target.Sha.StartsWith(oid, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    static string? BranchHolding(Repository repo, Commit commit, IReadOnlyList<(string Branch, Commit Head)> branches)
    {
        foreach (var (branch, head) in branches)
            if (head.Sha == commit.Sha || repo.ObjectDatabase.FindMergeBase(commit, head)?.Sha == commit.Sha)
                return branch;
        return null;
    }
}
