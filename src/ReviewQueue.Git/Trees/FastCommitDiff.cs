using System.Runtime.InteropServices;
using System.Text;
using LibGit2Sharp;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// <see cref="CommitDiff"/>'s text produced through libgit2 directly, as bytes, for syncing many
/// commits: the same diff options (indent heuristic, three lines of context, renames), git's
/// rename score and the full-index variant for binary files. One instance per repository and thread.
/// </summary>
public sealed unsafe class FastCommitDiff : IDisposable
{
    readonly Repository repo;
    readonly IntPtr native;
    readonly byte[] diffOptions = new byte[256];
    readonly byte[] findOptions = new byte[128];

    // The print callback's state (one diff at a time).
    readonly List<byte> text = new(1 << 16);
    List<byte>? full;
    int headerStart;

    public FastCommitDiff(Repository repo)
    {
        this.repo = repo;
        NativeDiff.EnsureLoaded();
        Check(NativeDiff.git_repository_open(out native, repo.Info.Path), "open the repository");
        fixed (byte* o = diffOptions)
        {
            Check(NativeDiff.git_diff_options_init(o, 1), "diff options");
            *(uint*)(o + 4) |= NativeDiff.IndentHeuristic;
        }
        fixed (byte* f = findOptions)
        {
            Check(NativeDiff.git_diff_find_options_init(f, 1), "find options");
            *(uint*)(f + 4) = NativeDiff.FindRenames;
        }
    }

    /// <summary>git's patch-id of the commit and, with binary files, the full-index one.</summary>
    public (string? Git, string? FullIndex) PatchIds(Commit commit) => PatchIds(commit.Id);

    public (string? Git, string? FullIndex) PatchIds(ObjectId commit)
    {
        var (git, fullText) = Texts(commit);
        return (Core.Mail.PatchId.Compute(git), fullText is null ? null : Core.Mail.PatchId.Compute(fullText));
    }

    public (byte[] Git, byte[]? FullIndex) Texts(ObjectId commit)
    {
        var id = commit.RawId;
        IntPtr c = IntPtr.Zero, tree = IntPtr.Zero, parent = IntPtr.Zero, parentTree = IntPtr.Zero, diff = IntPtr.Zero;
        text.Clear();
        full = null;
        try
        {
            fixed (byte* oid = id)
                Check(NativeDiff.git_commit_lookup(out c, native, oid), "look up the commit");
            Check(NativeDiff.git_commit_tree(out tree, c), "read the commit's tree");
            if (NativeDiff.git_commit_parentcount(c) > 0)
            {
                Check(NativeDiff.git_commit_parent(out parent, c, 0), "read the parent");
                Check(NativeDiff.git_commit_tree(out parentTree, parent), "read the parent's tree");
            }
            fixed (byte* o = diffOptions)
                Check(NativeDiff.git_diff_tree_to_tree(out diff, native, parentTree, tree, o), "diff the trees");
            // A rename needs a deleted and an added file; most commits have neither.
            const int added = 1, deleted = 2;
            if (NativeDiff.git_diff_num_deltas_of_type(diff, added) > 0 && NativeDiff.git_diff_num_deltas_of_type(diff, deleted) > 0)
                fixed (byte* f = findOptions)
                    Check(NativeDiff.git_diff_find_similar(diff, f), "find renames");
            var self = GCHandle.Alloc(this);
            try
            {
                Check(NativeDiff.git_diff_print(diff, NativeDiff.FormatPatch, &Line, GCHandle.ToIntPtr(self)), "print the diff");
            }
            finally
            {
                self.Free();
            }
            return (text.ToArray(), full?.ToArray());
        }
        finally
        {
            if (diff != IntPtr.Zero) NativeDiff.git_diff_free(diff);
            if (parentTree != IntPtr.Zero) NativeDiff.git_tree_free(parentTree);
            if (parent != IntPtr.Zero) NativeDiff.git_commit_free(parent);
            if (tree != IntPtr.Zero) NativeDiff.git_tree_free(tree);
            if (c != IntPtr.Zero) NativeDiff.git_commit_free(c);
        }
    }

    // git_diff_line: char origin; int old_lineno, new_lineno, num_lines; size_t content_len; git_off_t content_offset; const char *content.
    [UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
    static int Line(IntPtr delta, IntPtr hunk, IntPtr line, IntPtr payload)
    {
        var self = (FastCommitDiff)GCHandle.FromIntPtr(payload).Target!;
        byte origin = *(byte*)line;
        long length = (long)*(nuint*)((byte*)line + 16);
        var content = new ReadOnlySpan<byte>(*(byte**)((byte*)line + 32), (int)length);
        if (origin == (byte)'F')
            self.FileHeader(delta, content);
        else
        {
            if (origin is (byte)'+' or (byte)'-' or (byte)' ')
                self.Append(origin);
            self.Append(content);
        }
        return 0;
    }

    void Append(byte b)
    {
        text.Add(b);
        full?.Add(b);
    }

    void Append(ReadOnlySpan<byte> bytes)
    {
        text.AddRange(bytes);
        full?.AddRange(bytes);
    }

    // git_diff_delta: status @0, flags @4, similarity @8, old_file @16 (id first), new_file @64.
    void FileHeader(IntPtr delta, ReadOnlySpan<byte> header)
    {
        int status = *(int*)delta;
        uint flags = *(uint*)((byte*)delta + 4);
        var oldId = new ObjectId(new ReadOnlySpan<byte>((byte*)delta + 16, 20).ToArray());
        var newId = new ObjectId(new ReadOnlySpan<byte>((byte*)delta + 64, 20).ToArray());
        var h = Encoding.UTF8.GetString(header);
        const int renamed = 4; // GIT_DELTA_RENAMED
        if (status == renamed && oldId != newId)
            h = CommitDiff.FixSimilarity(h, RenameSimilarity.Percent(Content(oldId), Content(newId)));
        var bytes = Encoding.UTF8.GetBytes(h);
        headerStart = text.Count;
        text.AddRange(bytes);
        const uint binary = 1; // GIT_DIFF_FLAG_BINARY
        if ((flags & binary) != 0)
        {
            full ??= new List<byte>(text.GetRange(0, headerStart));
            full.AddRange(Encoding.UTF8.GetBytes(CommitDiff.FullIndex(h, oldId, newId)));
        }
        else
            full?.AddRange(bytes);
    }

    byte[] Content(ObjectId id)
    {
        var blob = repo.Lookup<Blob>(id);
        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }

    static void Check(int code, string what)
    {
        if (code < 0)
            throw new LibGit2SharpException($"libgit2 could not {what} (error {code})");
    }

    public void Dispose()
    {
        if (native != IntPtr.Zero)
            NativeDiff.git_repository_free(native);
    }
}
