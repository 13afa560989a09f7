namespace ReviewQueue.Git.Apply;

/// <summary>Why a file of a patch does not apply; Hunk is 1-based with its header when a hunk failed.</summary>
public sealed record ApplyProblem(string File, string Reason, int? Hunk = null, string? HunkHeader = null)
{
    public override string ToString() =>
        Hunk is null ? $"{File}: {Reason}" : $"{File}: hunk {Hunk} ({HunkHeader}): {Reason}";
}
