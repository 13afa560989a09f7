using System.Runtime.InteropServices;

namespace ReviewQueue.Git.Trees;

/// <summary>
/// The paths that differ between two trees, found the way git's tree diff finds them: entries
/// compared in tree order, a subtree whose id is unchanged skipped whole. libgit2's tree-to-tree
/// diff walks every entry of both trees instead (a kernel has 90,000); handed these paths as an
/// exact path list, it visits only the directories on the way to them.
/// </summary>
sealed unsafe class ChangedPaths(IntPtr repository)
{
    const int TreeMode = 0x4000; // 040000: a directory
    const int OidSize = 20;

    readonly List<byte> path = new(256);
    readonly List<byte> buffer = new(1024);
    readonly List<int> starts = [];

    /// <summary>Paths found by the last <see cref="Find"/>.</summary>
    public int Count => starts.Count;

    /// <summary>Collects the differing paths (a whole added or deleted directory as one path).</summary>
    public void Find(IntPtr oldTree, IntPtr newTree)
    {
        buffer.Clear();
        starts.Clear();
        path.Clear();
        Compare(oldTree, newTree);
    }

    /// <summary>Calls <paramref name="use"/> with a C array of the paths found (NUL-terminated UTF-8).</summary>
    public T WithPathArray<T>(Func<IntPtr, nuint, T> use)
    {
        var bytes = CollectionsMarshal.AsSpan(buffer);
        var pointers = new IntPtr[starts.Count];
        fixed (byte* b = bytes)
        {
            for (int i = 0; i < starts.Count; i++)
                pointers[i] = (IntPtr)(b + starts[i]);
            fixed (IntPtr* p = pointers)
                return use((IntPtr)p, (nuint)pointers.Length);
        }
    }

    void Compare(IntPtr oldTree, IntPtr newTree)
    {
        int oldCount = (int)NativeDiff.git_tree_entrycount(oldTree), newCount = (int)NativeDiff.git_tree_entrycount(newTree);
        int i = 0, j = 0;
        while (i < oldCount || j < newCount)
        {
            IntPtr a = i < oldCount ? NativeDiff.git_tree_entry_byindex(oldTree, (nuint)i) : IntPtr.Zero;
            IntPtr b = j < newCount ? NativeDiff.git_tree_entry_byindex(newTree, (nuint)j) : IntPtr.Zero;
            if (b == IntPtr.Zero)
            {
                Add(Name(a));
                i++;
                continue;
            }
            if (a == IntPtr.Zero)
            {
                Add(Name(b));
                j++;
                continue;
            }
            var nameA = Name(a);
            var nameB = Name(b);
            int modeA = NativeDiff.git_tree_entry_filemode(a), modeB = NativeDiff.git_tree_entry_filemode(b);
            int order = TreeOrder(nameA, modeA, nameB, modeB);
            if (order < 0)
            {
                Add(nameA);
                i++;
                continue;
            }
            if (order > 0)
            {
                Add(nameB);
                j++;
                continue;
            }
            i++;
            j++;
            var idA = new ReadOnlySpan<byte>(NativeDiff.git_tree_entry_id(a), OidSize);
            var idB = new ReadOnlySpan<byte>(NativeDiff.git_tree_entry_id(b), OidSize);
            if (modeA == modeB && idA.SequenceEqual(idB))
                continue;
            if (modeA == TreeMode && modeB == TreeMode)
                Descend(nameA, a, b);
            else
                Add(nameA);
        }
    }

    void Descend(ReadOnlySpan<byte> name, IntPtr a, IntPtr b)
    {
        IntPtr oldSub = IntPtr.Zero, newSub = IntPtr.Zero;
        int length = path.Count;
        try
        {
            Check(NativeDiff.git_tree_lookup(out oldSub, repository, NativeDiff.git_tree_entry_id(a)));
            Check(NativeDiff.git_tree_lookup(out newSub, repository, NativeDiff.git_tree_entry_id(b)));
            path.AddRange(name);
            path.Add((byte)'/');
            Compare(oldSub, newSub);
        }
        finally
        {
            path.RemoveRange(length, path.Count - length);
            if (newSub != IntPtr.Zero) NativeDiff.git_tree_free(newSub);
            if (oldSub != IntPtr.Zero) NativeDiff.git_tree_free(oldSub);
        }
    }

    void Add(ReadOnlySpan<byte> name)
    {
        starts.Add(buffer.Count);
        buffer.AddRange(CollectionsMarshal.AsSpan(path));
        buffer.AddRange(name);
        buffer.Add(0);
    }

    static ReadOnlySpan<byte> Name(IntPtr entry) =>
        MemoryMarshal.CreateReadOnlySpanFromNullTerminated(NativeDiff.git_tree_entry_name(entry));

    /// <summary>git's base_name_compare: byte order, a directory's name compared as if it ended in '/'.</summary>
    static int TreeOrder(ReadOnlySpan<byte> a, int modeA, ReadOnlySpan<byte> b, int modeB)
    {
        int common = Math.Min(a.Length, b.Length);
        int cmp = a[..common].SequenceCompareTo(b[..common]);
        if (cmp != 0)
            return cmp;
        int ca = a.Length > common ? a[common] : modeA == TreeMode ? '/' : 0;
        int cb = b.Length > common ? b[common] : modeB == TreeMode ? '/' : 0;
        return ca.CompareTo(cb);
    }

    static void Check(int code)
    {
        if (code < 0)
            throw new LibGit2Sharp.LibGit2SharpException($"libgit2 could not read a tree (error {code})");
    }
}
