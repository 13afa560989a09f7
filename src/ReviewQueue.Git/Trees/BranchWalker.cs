using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>The commits a branch gained since its last synced head, oldest first (merges left out).</summary>
/// <param name="Rewritten">The old head is no longer in the branch's history (a force-push or rebase).</param>
/// <param name="Truncated">The walk stopped at the first-sync limit (or the old head was gone).</param>
/// <param name="Roots">The new commits without a parent (a root commit, or a shallow clone's boundary, whose parents
/// the repository does not have): each is diffed against the empty tree, every file of it, which on a kernel tree
/// takes tens of seconds alone.</param>
/// <param name="Dropped">After a rewrite, the commits of the old head that the branch no longer has (shas; empty when
/// the repository lost the old head too).</param>
public sealed record BranchWalk(string Head, IReadOnlyList<ObjectId> NewCommits, bool Rewritten, bool Truncated)
{
    public IReadOnlySet<ObjectId> Roots { get; init; } = new HashSet<ObjectId>();

    public IReadOnlyList<string> Dropped { get; init; } = [];
}

/// <summary>
/// Walks only what is new: everything reachable from the head and not from the last synced head.
/// After a force-push that is what the rewrite brought (down to the merge base), so history is
/// never rescanned from the root. A first sync (or an old head the repository no longer has)
/// takes at most <c>limit</c> commits from the head down. The walk runs in libgit2 directly and
/// hands back ids only: a first sync walks thousands of commits, and a managed object per commit
/// (and per parent, to tell merges) was a tenth of the sync's time.
/// </summary>
public static unsafe class BranchWalker
{
    public static BranchWalk Walk(Repository repo, Commit head, string? lastHead, int limit)
    {
        if (lastHead == head.Sha)
            return new BranchWalk(head.Sha, [], false, false);
        var old = lastHead is null ? null : repo.Lookup<Commit>(lastHead);
        bool rewritten = old is not null && repo.ObjectDatabase.FindMergeBase(old, head)?.Sha != old.Sha;

        var native = NativeDiff.OpenRepository(repo.Info.Path);
        IntPtr walk = IntPtr.Zero;
        var commits = new List<ObjectId>();
        var roots = new HashSet<ObjectId>();
        bool truncated = false;
        try
        {
            Check(NativeDiff.git_revwalk_new(out walk, native), "start a walk");
            Check(NativeDiff.git_revwalk_sorting(walk, NativeDiff.SortTopological | NativeDiff.SortTime), "sort the walk");
            fixed (byte* h = head.Id.RawId)
                Check(NativeDiff.git_revwalk_push(walk, h), "walk from the head");
            if (old is not null)
                fixed (byte* o = old.Id.RawId)
                    Check(NativeDiff.git_revwalk_hide(walk, o), "hide the last synced head");
            var oid = new byte[20];
            int walked = 0;
            while (true)
            {
                int code;
                fixed (byte* p = oid)
                    code = NativeDiff.git_revwalk_next(p, walk);
                if (code == NativeDiff.IterOver)
                    break;
                Check(code, "walk the branch");
                if (old is null && ++walked > limit)
                {
                    truncated = true;
                    break;
                }
                uint parents = ParentCount(native, oid);
                if (parents > 1)
                    continue;
                // ObjectId keeps the array it is given: each needs its own.
                var id = new ObjectId(oid.ToArray());
                commits.Add(id);
                if (parents == 0)
                    roots.Add(id);
            }
        }
        finally
        {
            if (walk != IntPtr.Zero) NativeDiff.git_revwalk_free(walk);
            NativeDiff.git_repository_free(native);
        }
        commits.Reverse();
        // What the rewrite took out: the old head's side down to the merge base, usually a few commits (linux-next's
        // daily rebuild drops its own merges, not the subsystem commits it merged again).
        IReadOnlyList<string> dropped = rewritten
            ? [.. repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = old, ExcludeReachableFrom = head }).Select(c => c.Sha)]
            : [];
        return new BranchWalk(head.Sha, commits, rewritten || (lastHead is not null && old is null), truncated) { Roots = roots, Dropped = dropped };
    }

    static uint ParentCount(IntPtr repo, byte[] oid)
    {
        IntPtr commit;
        fixed (byte* p = oid)
            Check(NativeDiff.git_commit_lookup(out commit, repo, p), "read a commit");
        try
        {
            return NativeDiff.git_commit_parentcount(commit);
        }
        finally
        {
            NativeDiff.git_commit_free(commit);
        }
    }

    static void Check(int code, string what)
    {
        if (code < 0)
            throw new LibGit2SharpException($"libgit2 could not {what} (error {code})");
    }
}
