using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>The commits a branch gained since its last synced head, oldest first (merges left out).</summary>
/// <param name="Rewritten">The old head is no longer in the branch's history (a force-push or rebase).</param>
/// <param name="Truncated">The walk stopped at the first-sync limit (or the old head was gone).</param>
public sealed record BranchWalk(string Head, IReadOnlyList<Commit> NewCommits, bool Rewritten, bool Truncated);

/// <summary>
/// Walks only what is new: everything reachable from the head and not from the last synced head.
/// After a force-push that is what the rewrite brought (down to the merge base), so history is
/// never rescanned from the root. A first sync (or an old head the repository no longer has)
/// takes at most <c>limit</c> commits from the head down.
/// </summary>
public static class BranchWalker
{
    public static BranchWalk Walk(Repository repo, Commit head, string? lastHead, int limit)
    {
        if (lastHead == head.Sha)
            return new BranchWalk(head.Sha, [], false, false);
        var old = lastHead is null ? null : repo.Lookup<Commit>(lastHead);
        var filter = new CommitFilter
        {
            IncludeReachableFrom = head,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Time,
        };
        bool rewritten = false;
        if (old is not null)
        {
            filter.ExcludeReachableFrom = old;
            rewritten = repo.ObjectDatabase.FindMergeBase(old, head)?.Sha != old.Sha;
        }
        var commits = new List<Commit>();
        bool truncated = false;
        int walked = 0;
        foreach (var c in repo.Commits.QueryBy(filter))
        {
            if (old is null && ++walked > limit)
            {
                truncated = true;
                break;
            }
            if (c.Parents.Skip(1).Any())
                continue;
            commits.Add(c);
        }
        commits.Reverse();
        return new BranchWalk(head.Sha, commits, rewritten || (lastHead is not null && old is null), truncated);
    }
}
