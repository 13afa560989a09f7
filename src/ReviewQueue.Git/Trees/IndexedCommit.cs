namespace ReviewQueue.Git.Trees;

/// <summary>What a sync keeps of one non-merge commit; Date is the author's, Committed when it was committed (entered the tree).</summary>
public sealed record IndexedCommit(
    string Sha,
    string TreeSha,
    string? PatchId,
    string? FullPatchId,
    string Author,
    string Email,
    string Title,
    DateTimeOffset Date,
    IReadOnlyList<string> LinkedMessageIds,
    DateTimeOffset Committed)
{
    /// <summary>The title folded for comparison with posted subjects.</summary>
    public string TitleKey { get; } = Merged.TitleKey.Of(Title);
}
