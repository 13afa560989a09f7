namespace ReviewQueue.Git.Apply;

/// <summary>
/// Applies file patches to an in-memory image of a tree with git apply's rules and no fuzz: every
/// hunk's context must match byte for byte, at its line or shifted, searched outwards from it;
/// lines an earlier hunk wrote are not matched again; a hunk starting at line 1 must match at the
/// top and one without trailing context at the end. Renames, copies, modes, creation, deletion
/// and binary patches are checked as git apply checks them. Nothing is written anywhere.
/// </summary>
public sealed class PatchApplier(IPreimageSource tree) : IPreimageSource
{
    const int TypeMask = 0xF000; // S_IFMT

    // Files changed by earlier patches of the same input: null marks a deletion.
    readonly Dictionary<string, TreeFile?> overlay = new(StringComparer.Ordinal);

    public IReadOnlyList<ApplyProblem> Apply(IReadOnlyList<FilePatch> files)
    {
        var problems = new List<ApplyProblem>();
        foreach (var file in files)
        {
            var problem = ApplyOne(file);
            if (problem is not null)
                problems.Add(problem);
        }
        return problems;
    }

    TreeFile? Current(string path) => overlay.TryGetValue(path, out var f) ? f : tree.Find(path);

    /// <summary>The image after the patches applied so far, so the next patch of a series sees it.</summary>
    public TreeFile? Find(string path) => Current(path);

    public byte[]? FindBlob(string oid) => tree.FindBlob(oid);

    ApplyProblem? ApplyOne(FilePatch patch)
    {
        TreeFile? old = null;
        if (!patch.IsNew)
        {
            old = Current(patch.OldPath!);
            if (old is null)
                return new ApplyProblem(patch.OldPath!, "does not exist in the tree");
            if (patch.OldMode is int expected && ((expected ^ old.Mode) & TypeMask) != 0)
                return new ApplyProblem(patch.OldPath!, "wrong type");
        }
        bool creates = patch.IsNew || (patch.NewPath is not null && patch.NewPath != patch.OldPath);
        if (creates && Current(patch.NewPath!) is not null)
            return new ApplyProblem(patch.NewPath!, "already exists in the tree");

        byte[] result;
        if (patch.IsBinary)
        {
            var (bytes, reason) = ApplyBinary(patch, old?.Content ?? []);
            if (bytes is null)
                return new ApplyProblem(patch.Name, reason!);
            result = bytes;
        }
        else
        {
            var image = new TextImage(old?.Content ?? []);
            for (int i = 0; i < patch.Hunks.Count; i++)
                if (!image.Apply(patch.Hunks[i]))
                    return new ApplyProblem(patch.Name, "patch does not apply", i + 1, patch.Hunks[i].Header);
            result = image.ToBytes();
        }

        if (patch.IsDeleted)
        {
            if (result.Length != 0)
                return new ApplyProblem(patch.OldPath!, "removal patch leaves file contents");
            overlay[patch.OldPath!] = null;
            return null;
        }
        if (patch.IsRename)
            overlay[patch.OldPath!] = null;
        int mode = patch.NewMode ?? old?.Mode ?? 0x81A4; // 100644
        overlay[patch.NewPath!] = new TreeFile(mode, result);
        return null;
    }

    (byte[]? Result, string? Reason) ApplyBinary(FilePatch patch, byte[] old)
    {
        // git requires full ids for binary patches, so the preimage can be verified.
        if (!IsFullId(patch.OldOid) || !IsFullId(patch.NewOid))
            return (null, "cannot apply binary patch without full index line");
        if (!patch.IsNew)
        {
            var actual = BinaryPatch.BlobId(old);
            if (!string.Equals(actual, patch.OldOid, StringComparison.OrdinalIgnoreCase))
                return (null, $"the patch applies to {patch.OldOid}, which does not match the current contents ({actual})");
        }
        else if (old.Length != 0)
            return (null, "the patch applies to an empty file but it is not empty");
        if (patch.NewOid!.All(c => c == '0'))
            return ([], null);
        if (tree.FindBlob(patch.NewOid!) is { } existing)
            return (existing, null);
        var hunk = patch.Binary?.Forward;
        if (hunk is null)
            return (null, "binary patch without data for this direction");
        var result = hunk.IsDelta ? BinaryPatch.ApplyDelta(old, hunk.Data) : hunk.Data;
        if (result is null)
            return (null, "binary patch does not apply");
        var made = BinaryPatch.BlobId(result);
        if (!string.Equals(made, patch.NewOid, StringComparison.OrdinalIgnoreCase))
            return (null, $"binary patch creates incorrect result (expecting {patch.NewOid}, got {made})");
        return (result, null);
    }

    static bool IsFullId(string? oid) => oid is { Length: 40 } && oid.All(char.IsAsciiHexDigit);
}
