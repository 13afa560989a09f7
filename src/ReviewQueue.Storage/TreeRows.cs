namespace ReviewQueue.Storage;

/// <summary>A watched branch as last synced.</summary>
public sealed record BranchState(string Tree, string Branch, string Head, string Synced, long Commits);

/// <summary>One indexed commit as stored; Links are the message ids its trailers name; Committed is null for rows stored before it was kept.</summary>
public sealed record TreeCommitRow(
    string Sha, string TreeSha, string? PatchId, string? FullPatchId, string Author, string Email, string Title, string TitleKey,
    DateTimeOffset Date, IReadOnlyList<string> Links, DateTimeOffset? Committed = null);

/// <summary>What merged detection looks a posted patch up by; StableTree ("6.6") for a stable backport, merged only on its branch.</summary>
public sealed record PatchKeyRow(string MessageId, string? PatchId, string? Email, string? TitleKey, DateTimeOffset? Date,
    string? StableTree = null);

/// <summary>A merge as a ledger event: At is when it happened (see TreeStore.MergeFactsAsync).</summary>
public sealed record MergeFact(MergeRow Merge, DateTimeOffset At);

/// <summary>A ledger fact: this posted patch is in this branch as this commit, found by this evidence.</summary>
public sealed record MergeRow(string MessageId, string Tree, string Branch, string Sha, string Evidence, string Recorded);
