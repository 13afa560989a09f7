using System.Diagnostics;
using Repository = LibGit2Sharp.Repository;
using LibGit2SharpException = LibGit2Sharp.LibGit2SharpException;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Git.Trees;
using ReviewQueue.Storage;

using ReviewQueue.Series;
using ReviewQueue.Core;

namespace ReviewQueue.Trees;

/// <summary>What one branch's sync did.</summary>
/// <remarks><see cref="Misconfigured"/>: the <see cref="Problem"/> is the configuration's (a Path that is no repository), not a failure a retry mends.</remarks>
public sealed record BranchSync(string Tree, string Branch, string? OldHead, string? NewHead, int NewCommits,
    bool Rewritten, bool Truncated, string? Problem, double Seconds, SyncStages? Stages = null)
{
    public bool Misconfigured { get; init; }
}

/// <summary>Where a branch sync spent its time: the walk, the look-up of commits already indexed, the index (diffs, patch-ids, facts), the store.</summary>
public sealed record SyncStages(double WalkSeconds, double KnownSeconds, double IndexSeconds, double StoreSeconds);

/// <summary>What a sync of the watched trees did; <paramref name="MatchSeconds"/> is merged detection and its ledger events.</summary>
public sealed record TreeSyncReport(IReadOnlyList<BranchSync> Branches, int NewPatchKeys, int NewMerges, double Seconds, double MatchSeconds = 0);

/// <summary>
/// Syncs watched trees: fetch, index the commits new on each branch (patch-id, author, title,
/// links), read the keys of newly stored patches, and record merges. A tree that cannot be
/// opened or fetched is reported and skipped; the others still sync.
/// </summary>
public sealed partial class TreeSync(
    IOptions<TreeList> trees, IOptions<TreeSyncOptions> options, TreeStore store, PatchKeyIndex keys,
    EventStore events, SeriesProjection projection, TimeProvider time, ILogger<TreeSync> log)
{
    /// <summary>A sync with this many commits to index (or a whole tree to diff) is logged as it goes.</summary>
    public const int LongSyncCommits = 1_000;

    /// <summary>How often a long sync logs how far it is.</summary>
    public static readonly TimeSpan LongSyncLogEvery = TimeSpan.FromSeconds(10);

    /// <summary>Syncs every tree, or only the one named.</summary>
    public Task<TreeSyncReport> SyncAsync(string? name, CancellationToken cancellationToken) =>
        SyncAsync(name, null, cancellationToken);

    /// <summary>Syncs every tree, or only the one named, telling <paramref name="progress"/> each step.</summary>
    public async Task<TreeSyncReport> SyncAsync(string? name, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var newKeys = await keys.UpdateAsync(cancellationToken);
        var results = new List<BranchSync>();
        foreach (var tree in trees.Value.Trees.Where(t => name is null || t.Name == name))
            results.AddRange(await SyncTreeAsync(tree, progress, cancellationToken));
        var matching = Stopwatch.StartNew();
        var merges = await store.MatchAsync(time.GetUtcNow(), cancellationToken);
        if (merges > 0)
            MergesRecorded(log, merges, Counted.Noun(merges, "merge", "merges"));
        // Every merge is a ledger fact; the topics follow (a patch merged is accepted, a revision
        // whose patches all are is accepted). Appending is idempotent, so earlier merges cost nothing.
        var facts = (await store.MergeFactsAsync(cancellationToken)).Select(f => new LedgerEvent(
            f.At, LedgerEvent.Merged, f.Merge.Sha, f.Merge.MessageId,
            System.Text.Json.JsonSerializer.Serialize(new MergedFact(f.Merge.Tree, f.Merge.Branch, f.Merge.Sha, f.Merge.Evidence), MergedFact.Json)));
        if (await events.AppendAsync(facts, cancellationToken) > 0)
            await projection.CatchUpAsync(null, cancellationToken);
        return new TreeSyncReport(results, newKeys, merges, clock.Elapsed.TotalSeconds, matching.Elapsed.TotalSeconds);
    }

    async Task<List<BranchSync>> SyncTreeAsync(TreeOptions tree, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var results = new List<BranchSync>();
        Repository repo;
        progress?.Report(new SyncProgress(tree.Name, null, SyncStage.Fetch));
        if (TreePath.Problem(trees.Value, tree) is { } misconfigured)
        {
            // Said at every sync (run's every interval) until the configuration is mended, never a fetch to retry.
            TreeMisconfigured(log, tree.Name, misconfigured);
            foreach (var branch in tree.Branches)
                progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Done, Problem: misconfigured));
            return tree.Branches.Select(b => new BranchSync(tree.Name, b, null, null, 0, false, false, misconfigured, 0) { Misconfigured = true }).ToList();
        }
        try
        {
            repo = TreeRepository.Open(tree.Path, tree.Remote);
        }
        catch (LibGit2SharpException e)
        {
            TreeFailed(log, tree.Name, e.Message);
            return Failed(tree, e.Message, progress);
        }
        if (tree.Remote is not null)
        {
            try
            {
                TreeRepository.Fetch(repo, tree.Remote, tree.Branches, options.Value.FetchTimeout, cancellationToken);
            }
            catch (Exception e)
            {
                // The repository's files are let go now, whatever stopped the fetch (a shutdown too), not at a later collection.
                repo.Dispose();
                if (e is not LibGit2SharpException)
                    throw;
                // libgit2 names the host at most ("failed to connect to 127.0.0.1"): with several trees, the URL tells
                // which remote is down or misspelled. Never its user information, which may be a password or a token.
                var remote = RemoteUrl.Shown(tree.Remote);
                var reason = RemoteUrl.Scrubbed(e.Message, tree.Remote);
                TreeFetchFailed(log, tree.Name, remote, reason);
                return Failed(tree, $"could not fetch {remote}: {reason}", progress);
            }
        }
        using (repo)
        {
            foreach (var branch in tree.Branches)
            {
                BranchSync result;
                try
                {
                    result = await SyncBranchAsync(repo, tree, branch, progress, cancellationToken);
                }
                catch (LibGit2SharpException e)
                {
                    // A commit the repository cannot give (a partial clone's blob, a damaged pack): this branch
                    // fails, the others and the other trees still sync, and what was stored before stays.
                    BranchFailed(log, tree.Name, branch, e.Message);
                    result = new BranchSync(tree.Name, branch, null, null, 0, false, false, e.Message, 0);
                }
                progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Done, result.NewCommits, result.NewCommits, Problem: result.Problem));
                results.Add(result);
            }
        }
        return results;
    }

    /// <summary>Every branch of a tree that could not be opened or fetched, failed for the same reason.</summary>
    static List<BranchSync> Failed(TreeOptions tree, string problem, IProgress<SyncProgress>? progress)
    {
        foreach (var branch in tree.Branches)
            progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Done, Problem: problem));
        return tree.Branches.Select(b => new BranchSync(tree.Name, b, null, null, 0, false, false, problem, 0)).ToList();
    }

    async Task<BranchSync> SyncBranchAsync(Repository repo, TreeOptions tree, string branch, IProgress<SyncProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Walk));
        var state = await store.BranchAsync(tree.Name, branch, cancellationToken);
        var head = TreeRepository.Head(repo, branch, fetched: tree.Remote is not null);
        if (head is null)
            return new BranchSync(tree.Name, branch, state?.Head, null, 0, false, false,
                TreeRepository.NoBranch(repo, branch, fetched: tree.Remote is not null), clock.Elapsed.TotalSeconds);
        if (state?.Head == head.Sha)
        {
            // Nothing to index, but the branch was looked at: `trees` says when, or an idle branch would look stale.
            await store.RecordSyncAsync(tree.Name, branch, head.Sha, [], time.GetUtcNow(), cancellationToken);
            return new BranchSync(tree.Name, branch, state.Head, head.Sha, 0, false, false, null, clock.Elapsed.TotalSeconds);
        }

        var walk = BranchWalker.Walk(repo, head, state?.Head, options.Value.FirstSyncCommits);
        var walked = clock.Elapsed.TotalSeconds;
        var shas = walk.NewCommits.Select(c => c.Sha).ToList();
        var known = await store.KnownAsync(tree.Name, shas, cancellationToken);
        var knownAt = clock.Elapsed.TotalSeconds;
        var fresh = walk.NewCommits.Where(c => !known.ContainsKey(c.Sha)).ToList();
        int wholeTrees = fresh.Count(walk.Roots.Contains);
        progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Index, 0, fresh.Count, wholeTrees));
        var logged = new LongSyncLog(time, log, tree.Name, branch, fresh.Count, wholeTrees);
        var indexed = CommitIndexer.IndexAll(repo.Info.Path, fresh, cancellationToken, indexedSoFar: done =>
        {
            progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Index, done, fresh.Count, wholeTrees));
            logged.Indexed(done);
        }).ToDictionary(c => c.Sha);
        var rows = shas.Select(sha => known.TryGetValue(sha, out var row) ? row : Row(indexed[sha])).ToList();
        var indexedAt = clock.Elapsed.TotalSeconds;
        progress?.Report(new SyncProgress(tree.Name, branch, SyncStage.Store, 0, rows.Count));
        var added = await store.RecordSyncAsync(tree.Name, branch, head.Sha, rows, time.GetUtcNow(), cancellationToken, walk.Dropped);
        if (walk.Rewritten)
            BranchRewritten(log, tree.Name, branch, state?.Head ?? "", head.Sha);
        BranchSynced(log, tree.Name, branch, added, Counted.Noun(added, "commit", "commits"), clock.Elapsed.TotalSeconds);
        var total = clock.Elapsed.TotalSeconds;
        return new BranchSync(tree.Name, branch, state?.Head, head.Sha, added, walk.Rewritten, walk.Truncated, null, total,
            new SyncStages(walked, knownAt - walked, indexedAt - knownAt, total - indexedAt));
    }

    /// <summary>
    /// What `run`'s log says of a long sync (thousands of commits, or a whole tree to diff), which is otherwise
    /// silent until it ends: a line as it starts, then how many commits are indexed at most every
    /// <see cref="LongSyncLogEvery"/>; the end is <c>BranchSynced</c>'s line.
    /// </summary>
    sealed class LongSyncLog
    {
        readonly TimeProvider time;
        readonly ILogger log;
        readonly string tree, branch;
        readonly int total;
        readonly bool isLong;
        readonly long started;
        long lastLogged;

        public LongSyncLog(TimeProvider time, ILogger log, string tree, string branch, int total, int wholeTrees)
        {
            (this.time, this.log, this.tree, this.branch, this.total) = (time, log, tree, branch, total);
            isLong = total >= LongSyncCommits || wholeTrees > 0;
            started = lastLogged = time.GetTimestamp();
            if (!isLong)
                return;
            // "1 new commit to index, 1 of them …" reads oddly, and "…, 0 of them diffed as a whole tree" says nothing.
            var noun = Counted.Noun(total, "commit", "commits");
            if (wholeTrees == 0)
                LongSyncStarted(log, tree, branch, total, noun);
            else if (total == 1)
                LongSyncStartedWholeTree(log, tree, branch, total, noun);
            else
                LongSyncStartedSomeWholeTrees(log, tree, branch, total, noun, wholeTrees);
        }

        public void Indexed(int done)
        {
            if (!isLong || done >= total)
                return;
            var now = time.GetTimestamp();
            lock (this)
            {
                if (time.GetElapsedTime(lastLogged, now) < LongSyncLogEvery)
                    return;
                lastLogged = now;
            }
            LongSyncIndexed(log, tree, branch, done, total, Counted.Noun(total, "commit", "commits"), time.GetElapsedTime(started, now).TotalSeconds);
        }
    }

    static TreeCommitRow Row(IndexedCommit c) =>
        new(c.Sha, c.TreeSha, c.PatchId, c.FullPatchId, c.Author, c.Email, c.Title, c.TitleKey, c.Date, c.LinkedMessageIds, c.Committed);

    // The noun is its own placeholder, so that the count stays a number for structured logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Tree} {Branch}: {Commits} new {CommitNoun} in {Seconds:0.00} s")]
    static partial void BranchSynced(ILogger logger, string tree, string branch, int commits, string commitNoun, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Syncing {Tree} {Branch}: {Commits} new {CommitNoun} to index")]
    static partial void LongSyncStarted(ILogger logger, string tree, string branch, int commits, string commitNoun);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Syncing {Tree} {Branch}: {Commits} new {CommitNoun} to index, diffed as a whole tree (a root commit or a shallow clone's boundary)")]
    static partial void LongSyncStartedWholeTree(ILogger logger, string tree, string branch, int commits, string commitNoun);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Syncing {Tree} {Branch}: {Commits} new {CommitNoun} to index, {WholeTrees} of them diffed as a whole tree (a root commit or a shallow clone's boundary)")]
    static partial void LongSyncStartedSomeWholeTrees(ILogger logger, string tree, string branch, int commits, string commitNoun, int wholeTrees);

    [LoggerMessage(Level = LogLevel.Information, Message = "Syncing {Tree} {Branch}: {Done} of {Commits} {CommitNoun} indexed in {Seconds:0} s")]
    static partial void LongSyncIndexed(ILogger logger, string tree, string branch, int done, int commits, string commitNoun, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Tree} {Branch} was rewritten (force-push): {OldHead} is no longer in it; now {NewHead}")]
    static partial void BranchRewritten(ILogger logger, string tree, string branch, string oldHead, string newHead);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tree {Tree} could not be opened: {Reason}")]
    static partial void TreeFailed(ILogger logger, string tree, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tree {Tree} could not be fetched from {Remote}: {Reason}")]
    static partial void TreeFetchFailed(ILogger logger, string tree, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Tree} {Branch} could not be synced: {Reason}")]
    static partial void BranchFailed(ILogger logger, string tree, string branch, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tree {Tree} is not synced until its configuration is mended: {Problem}")]
    static partial void TreeMisconfigured(ILogger logger, string tree, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} {MergeNoun} of posted patches")]
    static partial void MergesRecorded(ILogger logger, int count, string mergeNoun);
}
