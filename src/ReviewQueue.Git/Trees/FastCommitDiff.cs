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
    readonly IntPtr native;
    readonly byte[] diffOptions = new byte[256];
    readonly byte[] findOptions = new byte[128];
    readonly ChangedPaths changed;

    // The print callback's state (one diff at a time).
    readonly List<byte> text = new(1 << 16);
    List<byte>? full;
    int headerStart;

    // A file header's "--- a/x" and "+++ b/x" lines wait for the file's first hunk: git prints them
    // only when a hunk follows, and an empty file added or removed has none (libgit2 prints them anyway).
    byte[]? pendingLines;
    byte[]? pendingFullLines;

    public FastCommitDiff(Repository repo) : this(repo.Info.Path)
    {
    }

    /// <param name="gitDirectory">The repository's git directory (Repository.Info.Path).</param>
    public FastCommitDiff(string gitDirectory)
    {
        // Opened bare: the diff then reads no .gitattributes from a work tree, which would be a
        // stat per directory level of every file diffed, and would make a commit's patch-id
        // depend on what happens to be checked out.
        native = NativeDiff.OpenRepository(gitDirectory);
        changed = new ChangedPaths(native);
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
        var c = LookUp(commit);
        try
        {
            Diff(c);
            return (text.ToArray(), full?.ToArray());
        }
        finally
        {
            NativeDiff.git_commit_free(c);
        }
    }

    /// <summary>Everything a sync keeps of the commit, read from one lookup of it.</summary>
    public IndexedCommit Index(ObjectId commit)
    {
        var c = LookUp(commit);
        try
        {
            return Index(commit, c);
        }
        catch (LibGit2SharpException e)
        {
            // Which commit, for the maintainer: a blob a partial clone never fetched, or a damaged repository.
            throw new LibGit2SharpException($"commit {commit.Sha[..12]}: {e.Message}", e);
        }
        finally
        {
            NativeDiff.git_commit_free(c);
        }
    }

    IndexedCommit Index(ObjectId commit, IntPtr c)
    {
        Diff(c);
        var patchId = Core.Mail.PatchId.Compute(CollectionsMarshal.AsSpan(text));
        var fullPatchId = full is null ? null : Core.Mail.PatchId.Compute(CollectionsMarshal.AsSpan(full));
        var author = NativeDiff.git_commit_author(c);
        var committer = NativeDiff.git_commit_committer(c);
        var message = Utf8(NativeDiff.git_commit_message(c));
        int newline = message.IndexOf('\n');
        // As LibGit2Sharp's Commit.MessageShort: the message's first line.
        var title = newline < 0 ? message : message[..newline];
        return new IndexedCommit(
            commit.Sha,
            Convert.ToHexStringLower(new ReadOnlySpan<byte>(NativeDiff.git_commit_tree_id(c), 20)),
            patchId,
            fullPatchId,
            Utf8(author->Name),
            Utf8(author->Email).Trim().ToLowerInvariant(),
            title,
            DateTimeOffset.FromUnixTimeSeconds(author->Time).ToOffset(TimeSpan.FromMinutes(author->OffsetMinutes)),
            CommitTrailers.LinkedMessageIds(message),
            DateTimeOffset.FromUnixTimeSeconds(committer->Time).ToOffset(TimeSpan.FromMinutes(committer->OffsetMinutes)));
    }

    static string Utf8(byte* s) => s is null ? "" : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(s));

    IntPtr LookUp(ObjectId commit)
    {
        IntPtr c;
        fixed (byte* oid = commit.RawId)
            Check(NativeDiff.git_commit_lookup(out c, native, oid), "look up the commit");
        return c;
    }

    /// <summary>The commit's diff against its first parent into the print buffers.</summary>
    void Diff(IntPtr commit)
    {
        IntPtr tree = IntPtr.Zero, parent = IntPtr.Zero, parentTree = IntPtr.Zero;
        text.Clear();
        full = null;
        try
        {
            Check(NativeDiff.git_commit_tree(out tree, commit), "read the commit's tree");
            if (NativeDiff.git_commit_parentcount(commit) == 0)
            {
                Print(IntPtr.Zero, tree, null);
                return;
            }
            Check(NativeDiff.git_commit_parent(out parent, commit, 0), "read the parent");
            Check(NativeDiff.git_commit_tree(out parentTree, parent), "read the parent's tree");
            changed.Find(parentTree, tree);
            if (changed.Count > 0)
                changed.WithPathArray((paths, count) => Print(parentTree, tree, (paths, count)));
        }
        finally
        {
            if (parentTree != IntPtr.Zero) NativeDiff.git_tree_free(parentTree);
            if (parent != IntPtr.Zero) NativeDiff.git_commit_free(parent);
            if (tree != IntPtr.Zero) NativeDiff.git_tree_free(tree);
        }
    }

    /// <summary>Diffs two trees (only the given exact paths when there are some) into the print buffers.</summary>
    bool Print(IntPtr oldTree, IntPtr newTree, (IntPtr Strings, nuint Count)? paths)
    {
        IntPtr diff = IntPtr.Zero;
        try
        {
            fixed (byte* o = diffOptions)
            {
                // git_diff_options: version, flags, ignore_submodules, then pathspec {char **strings; size_t count} at 16.
                uint flags = *(uint*)(o + 4);
                if (paths is { } p)
                {
                    *(uint*)(o + 4) = flags | NativeDiff.DisablePathspecMatch;
                    *(IntPtr*)(o + 16) = p.Strings;
                    *(nuint*)(o + 24) = p.Count;
                }
                try
                {
                    Check(NativeDiff.git_diff_tree_to_tree(out diff, native, oldTree, newTree, o), "diff the trees");
                }
                finally
                {
                    *(uint*)(o + 4) = flags;
                    *(IntPtr*)(o + 16) = IntPtr.Zero;
                    *(nuint*)(o + 24) = 0;
                }
            }
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
                pendingLines = pendingFullLines = null;
            }
            return true;
        }
        finally
        {
            if (diff != IntPtr.Zero) NativeDiff.git_diff_free(diff);
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
        {
            self.pendingLines = self.pendingFullLines = null;
            self.FileHeader(delta, content);
        }
        else
        {
            if (origin == (byte)'H')
                self.FlushPendingLines();
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
        byte* oldId = (byte*)delta + 16, newId = (byte*)delta + 64;
        const int renamed = 4; // GIT_DELTA_RENAMED
        const uint binary = 1; // GIT_DIFF_FLAG_BINARY
        bool sameBlob = new ReadOnlySpan<byte>(oldId, 20).SequenceEqual(new ReadOnlySpan<byte>(newId, 20));
        if (status != renamed && (flags & binary) == 0)
        {
            // The common case: the header as libgit2 wrote it.
            headerStart = text.Count;
            int lines = FileLinesAt(header);
            Append(header[..lines]);
            pendingLines = header[lines..].ToArray();
            pendingFullLines = full is null ? null : pendingLines;
            return;
        }
        var h = Encoding.UTF8.GetString(header);
        if (status == renamed && !sameBlob)
            h = CommitDiff.FixSimilarity(h, Similarity(oldId, newId));
        var bytes = Encoding.UTF8.GetBytes(h);
        headerStart = text.Count;
        int at = FileLinesAt(bytes);
        text.AddRange(bytes.AsSpan(0, at));
        pendingLines = bytes[at..];
        if ((flags & binary) != 0)
        {
            full ??= new List<byte>(text.GetRange(0, headerStart));
            var fullBytes = Encoding.UTF8.GetBytes(CommitDiff.FullIndex(h, Id(oldId), Id(newId)));
            int fullAt = FileLinesAt(fullBytes);
            full.AddRange(fullBytes.AsSpan(0, fullAt));
            pendingFullLines = fullBytes[fullAt..];
        }
        else if (full is not null)
        {
            full.AddRange(bytes.AsSpan(0, at));
            pendingFullLines = pendingLines;
        }
    }

    /// <summary>Where a file header's "--- " line starts (its length when it has none).</summary>
    static int FileLinesAt(ReadOnlySpan<byte> header)
    {
        int at = header.IndexOf("\n--- "u8);
        return at < 0 ? header.Length : at + 1;
    }

    /// <summary>The file's first hunk is coming: its "--- "/"+++ " lines go in before it.</summary>
    void FlushPendingLines()
    {
        if (pendingLines is { Length: > 0 } lines)
            text.AddRange(lines);
        if (full is not null && pendingFullLines is { Length: > 0 } fullLines)
            full.AddRange(fullLines);
        pendingLines = pendingFullLines = null;
    }

    static ObjectId Id(byte* oid) => new(new ReadOnlySpan<byte>(oid, 20).ToArray());

    /// <summary>git's rename score of two blobs, read in place.</summary>
    int Similarity(byte* oldId, byte* newId)
    {
        IntPtr a = IntPtr.Zero, b = IntPtr.Zero;
        try
        {
            Check(NativeDiff.git_blob_lookup(out a, native, oldId), "read a renamed file's old blob");
            Check(NativeDiff.git_blob_lookup(out b, native, newId), "read a renamed file's new blob");
            return RenameSimilarity.Percent(Content(a), Content(b));
        }
        finally
        {
            if (b != IntPtr.Zero) NativeDiff.git_blob_free(b);
            if (a != IntPtr.Zero) NativeDiff.git_blob_free(a);
        }
    }

    static ReadOnlySpan<byte> Content(IntPtr blob) =>
        new(NativeDiff.git_blob_rawcontent(blob), checked((int)NativeDiff.git_blob_rawsize(blob)));

    static void Check(int code, string what)
    {
        if (code < 0)
            throw new LibGit2SharpException($"libgit2 could not {what} (error {code})" + (NativeDiff.LastError() is { } why ? $": {why}" : ""));
    }

    public void Dispose()
    {
        if (native != IntPtr.Zero)
            NativeDiff.git_repository_free(native);
    }
}
