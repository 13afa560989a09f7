using LibGit2Sharp;
using ReviewQueue.Git.Merged;

namespace ReviewQueue.Git.Trees;

/// <summary>Reads what merged detection needs from one commit: its patch-id, author, title and linked message ids.</summary>
public static class CommitIndexer
{
    public static IndexedCommit Index(Repository repo, Commit commit) => Index(commit, CommitDiff.PatchIds(repo, commit));

    /// <summary>The same through libgit2 directly (what a sync of many commits uses).</summary>
    public static IndexedCommit Index(FastCommitDiff diff, Commit commit) => Index(commit, diff.PatchIds(commit));

    /// <summary>
    /// Many commits at once: their facts read in order, their patch-ids computed on every core,
    /// each thread with its own handle on the repository (libgit2 handles are not shared).
    /// </summary>
    public static IReadOnlyList<IndexedCommit> IndexAll(Repository repo, IReadOnlyList<Commit> commits, CancellationToken cancellationToken)
    {
        var ids = new (string? Git, string? FullIndex)[commits.Count];
        var objectIds = commits.Select(c => c.Id).ToArray();
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, commits.Count / 64));
        var path = repo.Info.Path;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, w =>
        {
            using var own = new Repository(path);
            using var diff = new FastCommitDiff(own);
            // Contiguous ranges: neighbouring commits share blobs, which each handle's cache keeps.
            int from = (int)((long)objectIds.Length * w / workers), to = (int)((long)objectIds.Length * (w + 1) / workers);
            for (int i = from; i < to; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ids[i] = diff.PatchIds(objectIds[i]);
            }
        });
        return commits.Select((c, i) => Index(c, ids[i])).ToList();
    }

    static IndexedCommit Index(Commit commit, (string? Git, string? FullIndex) ids)
    {
        var (patchId, fullPatchId) = ids;
        return new(
        commit.Sha,
        commit.Tree.Sha,
        patchId,
        fullPatchId,
        commit.Author.Name,
        commit.Author.Email.Trim().ToLowerInvariant(),
        commit.MessageShort,
        commit.Author.When,
        CommitTrailers.LinkedMessageIds(commit.Message));
    }

    public static string TitleKeyOf(IndexedCommit commit) => TitleKey.Of(commit.Title);
}
