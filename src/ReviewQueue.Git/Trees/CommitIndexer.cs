using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>Reads what merged detection needs from one commit: its patch-id, author, title and linked message ids.</summary>
public static class CommitIndexer
{
    /// <summary>One commit through LibGit2Sharp (the reference the fast path is tested against).</summary>
    public static IndexedCommit Index(Repository repo, Commit commit)
    {
        var (patchId, fullPatchId) = CommitDiff.PatchIds(repo, commit);
        return new(
            commit.Sha,
            commit.Tree.Sha,
            patchId,
            fullPatchId,
            commit.Author.Name,
            commit.Author.Email.Trim().ToLowerInvariant(),
            commit.MessageShort,
            commit.Author.When,
            CommitTrailers.LinkedMessageIds(commit.Message),
            commit.Committer.When);
    }

    const int Chunk = 128;

    /// <summary>
    /// Many commits at once, in the given order, read on every core: each worker has its own
    /// libgit2 handle on the repository (handles are not shared) and takes the next run of
    /// neighbouring commits (which share blobs its cache keeps) until none are left, so a worker
    /// slowed by a busy machine does not hold the others up at the end. <paramref name="indexedSoFar"/> is told how many
    /// are done after each run, from the workers' threads.
    /// </summary>
    public static IReadOnlyList<IndexedCommit> IndexAll(string gitDirectory, IReadOnlyList<ObjectId> commits, CancellationToken cancellationToken,
        int? workerCount = null, Action<int>? indexedSoFar = null)
    {
        var indexed = new IndexedCommit[commits.Count];
        int done = 0;
        int workers = Math.Max(1, Math.Min(workerCount ?? Environment.ProcessorCount, commits.Count / 64));
        int next = 0;
        try
        {
            IndexOnWorkers();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is LibGit2SharpException))
        {
            // A commit libgit2 could not read is the repository's problem, said as libgit2's own exception: the callers
            // report it for the branch (an AggregateException would pass them by and stop `run`).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        return indexed;

        void IndexOnWorkers() => Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            using var diff = new FastCommitDiff(gitDirectory);
            for (int from = Interlocked.Add(ref next, Chunk) - Chunk; from < commits.Count; from = Interlocked.Add(ref next, Chunk) - Chunk)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int to = Math.Min(from + Chunk, commits.Count);
                for (int i = from; i < to; i++)
                    indexed[i] = diff.Index(commits[i]);
                indexedSoFar?.Invoke(Interlocked.Add(ref done, to - from));
            }
        });
    }
}
