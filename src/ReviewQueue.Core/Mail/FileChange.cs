namespace ReviewQueue.Core.Mail;

public enum ChangeType { Modified, Added, Deleted, Renamed, Copied }

/// <summary>One file of a diff. A rename or copy names both sides.</summary>
/// <param name="OldPath">The path before (null for a new file).</param>
/// <param name="NewPath">The path after (null for a deleted file).</param>
/// <param name="OldMode">"100644" etc. when the diff says (mode change, deleted file).</param>
/// <param name="NewMode">"100755" etc. when the diff says (mode change, new file).</param>
public sealed record FileChange(
    string? OldPath,
    string? NewPath,
    ChangeType Change,
    bool Binary,
    string? OldMode,
    string? NewMode,
    int Insertions,
    int Deletions)
{
    /// <summary>Both sides, once each: what a MAINTAINERS lookup must see.</summary>
    public IEnumerable<string> Paths()
    {
        if (OldPath is not null)
            yield return OldPath;
        if (NewPath is not null && NewPath != OldPath)
            yield return NewPath;
    }
}

/// <summary>The numbers of <c>git diff --stat</c>'s summary line.</summary>
public sealed record DiffStat(int Files, int Insertions, int Deletions)
{
    public static readonly DiffStat None = new(0, 0, 0);
}
