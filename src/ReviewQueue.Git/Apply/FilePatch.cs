namespace ReviewQueue.Git.Apply;

/// <summary>
/// One file's part of a diff, as git apply reads it. Paths are without the a/ b/ prefix;
/// OldPath is null for a new file, NewPath null for a deleted one.
/// </summary>
public sealed record FilePatch(
    string? OldPath,
    string? NewPath,
    int? OldMode,
    int? NewMode,
    bool IsRename,
    bool IsCopy,
    string? OldOid,
    string? NewOid,
    IReadOnlyList<Hunk> Hunks,
    BinaryData? Binary,
    bool IsBinary)
{
    public bool IsNew => OldPath is null;
    public bool IsDeleted => NewPath is null;

    /// <summary>The path this patch is known by (the new name unless the file is deleted).</summary>
    public string Name => NewPath ?? OldPath!;

    /// <summary>The same change undone, as <c>git apply -R</c> sees it.</summary>
    public FilePatch Reverse() => this with
    {
        OldPath = NewPath,
        NewPath = OldPath,
        OldMode = NewMode,
        NewMode = OldMode,
        OldOid = NewOid,
        NewOid = OldOid,
        Hunks = Hunks.Select(h => h.Reverse()).ToList(),
        Binary = Binary is null ? null : new BinaryData(Binary.Reverse, Binary.Forward),
    };
}

/// <summary>"@@ -OldStart,OldCount +NewStart,NewCount @@" and its lines; Line is the hunk header's line in the diff.</summary>
public sealed record Hunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<HunkLine> Lines, int Line, string Header)
{
    public Hunk Reverse() => new(NewStart, NewCount, OldStart, OldCount,
        Lines.Select(l => l.Kind switch
        {
            '-' => l with { Kind = '+' },
            '+' => l with { Kind = '-' },
            _ => l,
        }).ToList(), Line, Header);
}

/// <summary>One line of a hunk: ' ', '-' or '+', and its bytes with the newline (none when "\ No newline" followed).</summary>
public sealed record HunkLine(char Kind, byte[] Text);

/// <summary>A "GIT binary patch": the forward hunk and, when present, the reverse one.</summary>
public sealed record BinaryData(BinaryHunk? Forward, BinaryHunk? Reverse);

/// <summary>"literal N" (the whole new content) or "delta N" (a git delta against the old content), inflated.</summary>
public sealed record BinaryHunk(bool IsDelta, long Size, byte[] Data);
