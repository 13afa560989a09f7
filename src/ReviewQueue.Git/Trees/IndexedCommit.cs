namespace ReviewQueue.Git.Trees;

/// <summary>What a sync keeps of one non-merge commit.</summary>
public sealed record IndexedCommit(
    string Sha,
    string TreeSha,
    string? PatchId,
    string? FullPatchId,
    string Author,
    string Email,
    string Title,
    DateTimeOffset Date,
    IReadOnlyList<string> LinkedMessageIds)
{
    /// <summary>The title folded for comparison with posted subjects.</summary>
    public string TitleKey { get; } = Merged.TitleKey.Of(Title);
}
